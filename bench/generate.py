"""A synthetic handbook of N regulations per language, the same for the same N and seed.

The text is the specimen handbook's sentences (tests/fixtures/specimen: the
handbook as transcribed, frozen, so that figures compare across commits), recombined: chapters (章) of
articles (条) with numbered items and a table in Chinese, the same structure in
English. Front matter is valid (owner, approver, review cycle, revisions,
RACI), reviews are spread so that some are overdue or due soon, and the
regulations are spread over sections of at most SECTION_SIZE regulations.

With `versions` K > 1 the project is a git repository in which every
regulation was committed in K versions (1.0 … 1.K-1, a commit per version, each
rewording one article), as the change history reads them.

    python bench/generate.py 200 /tmp/handbook-200     # then: mkdocs build -f /tmp/handbook-200/mkdocs.yml
    python bench/generate.py 500 /tmp/handbook-500 3   # with three versions of each regulation in git
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

from handbook_kit.core.codeowners import CODEOWNERS, codeowners
from handbook_kit.core.registry import load_handbook

REPO = Path(__file__).resolve().parent.parent
SPECIMEN = REPO / "tests" / "fixtures" / "specimen"  # its roles, terms, configuration and sentences
SECTION_SIZE = 25  # regulations per section
GROUP_SIZE = 10  # sections per group, once there are more
ROLES = [
    "operations-management",
    "brand-ops",
    "marketing",
    "technology",
    "software-ops",
    "finance",
    "human-resources",
    "legal-counsel",
    "third-party-operator",
]
NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 as in 第二十三条."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return NUMERALS[ones]
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


def corpus(language: str) -> list[str]:
    """Sentences of the specimen's regulations in one language."""
    sentences = []
    for path in sorted((SPECIMEN / "handbook" / language).glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for line in body.splitlines():
            line = re.sub(r"^\s*(\d+\.|-|#+|!!!.*)\s*", "", line).strip()
            if not line or line.startswith(("<", "|", "[")) or len(line) < 8:
                continue
            parts = re.split(r"(?<=[。；])" if language == "zh" else r"(?<=[.;]) ", line)
            sentences += [
                part.strip()
                for part in parts
                if len(part.strip()) >= 8 and "](" not in part and not part.strip()[0].isdigit()
            ]
    return sorted(set(sentences))


def regulation(
    rng: random.Random, number: int, section: int, today: date, zh: list[str], en: list[str]
) -> tuple[str, str, str]:
    """(file name, zh Markdown, en Markdown) of one regulation."""
    regulation_id = f"OPS-S{section:02d}-{number:03d}"
    owner = rng.choice(ROLES)
    cycle = rng.choice([6, 12, 12, 24])
    # Reviews spread around today: a few overdue, a few due soon, most current.
    last = today - timedelta(days=rng.randint(0, cycle * 31 + 40))
    topic_zh = rng.choice(["采购", "设备", "质量", "安全", "培训", "客户服务", "数据", "合同", "品牌", "财务"])
    topic_en = {
        "采购": "Procurement",
        "设备": "Equipment",
        "质量": "Quality",
        "安全": "Safety",
        "培训": "Training",
        "客户服务": "Customer service",
        "数据": "Data",
        "合同": "Contract",
        "品牌": "Brand",
        "财务": "Finance",
    }[topic_zh]
    raci = [
        {
            "activity": {"zh": f"{topic_zh}事项{i}：{rng.choice(zh)[:24]}", "en": f"{topic_en} task {i}"},
            "R": [owner],
            "A": "general-manager",
            "C": rng.sample([r for r in ROLES if r != owner], 2),
            "I": ["all-departments"],
        }
        for i in range(1, rng.randint(3, 6))
    ]
    front = {
        "id": regulation_id,
        "title": f"{topic_zh}管理制度（第{number}号）",
        "owner": owner,
        "approver": "general-manager",
        "status": "active",
        "version": "1.1",
        "effective_date": (last - timedelta(days=400)).isoformat(),
        "last_reviewed": last.isoformat(),
        "review_cycle": f"{cycle} months",
        "revisions": [
            {
                "version": "1.1",
                "date": last.isoformat(),
                "summary": {"zh": "复审并修订第三条", "en": "Reviewed; Article 3 revised"},
            },
            {
                "version": "1.0",
                "date": (last - timedelta(days=400)).isoformat(),
                "summary": {"zh": "首次发布", "en": "First issue"},
            },
        ],
        "raci": raci,
    }
    zh_lines, en_lines = [], []
    article = 0
    for chapter in range(1, rng.randint(3, 6)):
        zh_lines += [f"## 第{chinese_number(chapter)}章 {topic_zh}管理第{chapter}部分", ""]
        en_lines += [f"## Chapter {chapter} {topic_en} management, part {chapter}", ""]
        for _ in range(rng.randint(2, 5)):
            article += 1
            zh_lines += [f"### 第{chinese_number(article)}条", "", "".join(rng.sample(zh, 2)), ""]
            en_lines += [f"### Article {article}", "", " ".join(rng.sample(en, 2)), ""]
            if rng.random() < 0.5:
                items = rng.randint(2, 5)
                zh_lines += [f"{i}. {rng.choice(zh)}" for i in range(1, items + 1)] + [""]
                en_lines += [f"{i}. {rng.choice(en)}" for i in range(1, items + 1)] + [""]
        if chapter == 2:
            zh_lines += (
                ["| 指标 | 目标 | 频率 |", "|---|---|---|"]
                + [
                    f"| {topic_zh}指标{i} | 不低于 {rng.randint(80, 99)}% | 每{rng.choice(['月', '季度', '年'])} |"
                    for i in range(1, 5)
                ]
                + [""]
            )
            en_lines += (
                ["| Indicator | Target | Frequency |", "|---|---|---|"]
                + [
                    f"| {topic_en} indicator {i} | at least {rng.randint(80, 99)}% "
                    f"| {rng.choice(['monthly', 'quarterly', 'yearly'])} |"
                    for i in range(1, 5)
                ]
                + [""]
            )
    zh_text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n".join(zh_lines)
    en_front = {"title": f"{topic_en} Management Rules (No. {number})", "source_version": "1.1"}
    en_text = "---\n" + yaml.safe_dump(en_front, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n".join(en_lines)
    return f"{regulation_id.lower()}.md", zh_text, en_text


VERSION_DAYS = [date(2023, 1, 1) + timedelta(days=200 * k) for k in range(10)]  # when version 1.k came in


def past_versions(
    rng: random.Random, zh_text: str, en_text: str, versions: int, zh: list[str]
) -> list[tuple[str, str]]:
    """The (zh, en) texts of versions 1.0 … 1.K-1 of a regulation whose current text is given: version 1.k
    is the current one with the articles k+1 … K-1 reworded (so each version changes one article), its
    front matter saying 1.k with the revisions up to it."""
    texts = []
    for k in range(versions):
        front_text, body = zh_text.split("---\n", 2)[1:]
        front = yaml.safe_load(front_text)
        front["version"] = f"1.{k}"
        front["revisions"] = [
            {
                "version": f"1.{j}",
                "date": VERSION_DAYS[j].isoformat(),
                "summary": {"zh": f"修订第{chinese_number(j + 1)}条" if j else "首次发布", "en": f"Revision 1.{j}"},
            }
            for j in range(k, -1, -1)
        ]
        lines = body.split("\n")
        for j in range(k + 1, versions):  # articles changed later read as they stood
            heading = lines.index(f"### 第{chinese_number(j)}条") if f"### 第{chinese_number(j)}条" in lines else -1
            if heading >= 0:
                lines[heading + 2] = rng.choice(zh)
        zh_k = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + "\n".join(lines)
        en_k = en_text.replace("source_version: '1.1'", f"source_version: '1.{k}'")
        texts.append((zh_k, en_k))
    return texts


def commit_versions(target: Path, states: list[tuple[str, list[tuple[str, str]]]], versions: int) -> None:
    """Make `target` a repository with a commit per version: 1.0 of every regulation, then 1.1, …"""

    def git(*arguments: str, day: date = VERSION_DAYS[0]) -> None:
        stamp = f"{day.isoformat()}T10:00:00+08:00"
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", *arguments],
            cwd=target,
            env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    for k in range(versions):  # the last is the working tree's: version 1.K-1
        for page, texts in states:
            zh_k, en_k = texts[k]
            (target / "handbook" / "zh" / page).write_text(zh_k, encoding="utf-8")
            (target / "handbook" / "en" / page).write_text(en_k, encoding="utf-8")
        git("add", "-A")
        git("commit", "-q", "-m", f"Version 1.{k}", day=VERSION_DAYS[k])


def mkdocs_config(nav: list, plain: bool) -> dict:
    """The specimen's configuration (the real site's) with this handbook's navigation; `plain` drops our
    plugins (and with them our templates)."""
    config = yaml.load((SPECIMEN / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["nav"] = nav
    config["site_url"] = "http://localhost:8000/"
    config["exclude_docs"] = "/roles.yml\n/search_terms.txt\n"
    plugins = []
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "handbook/search":
            plugin = {"handbook/search": {"user_dictionary": "handbook/search_terms.txt"}}
        if name == "handbook/regulations":
            options = dict(plugin[name])
            options["pdf"] = _Env("HANDBOOK_PDF", False)
            # The change history is measured on its own (bench/run.py --history), against this without it.
            options["history"] = _Env("HANDBOOK_HISTORY", False)
            plugin = {name: options}
        if name == "i18n":
            options = dict(plugin[name])
            options["languages"] = [dict(language, nav_translations={}) for language in options["languages"]]
            plugin = {name: options}
        plugins.append(plugin)
    config["plugins"] = plugins
    return without_our_code(config) if plain else config


def without_our_code(config: dict) -> dict:
    """The same site without our plugins (and so without our templates): plain Material, i18n and search.

    The pages handbook/regulations would generate go from the navigation, and sections left empty with them."""
    ours = [plugin for plugin in config["plugins"] if _plugin_name(plugin).startswith("handbook/")]
    generated = {
        value
        for plugin in ours
        if isinstance(plugin, dict)
        for value in next(iter(plugin.values())).values()
        if isinstance(value, str) and value.endswith(".md")
    }
    plain = dict(config, theme={key: value for key, value in config["theme"].items() if key != "custom_dir"})
    plain.pop("hooks", None)
    plain["plugins"] = [plugin for plugin in config["plugins"] if plugin not in ours]
    plain["nav"] = _without(config["nav"], generated)
    return plain


def _plugin_name(plugin: str | dict) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def _without(nav: list, pages: set[str]) -> list:
    kept = []
    for item in nav:
        if isinstance(item, dict):
            title, children = next(iter(item.items()))
            children = _without(children, pages) if isinstance(children, list) else children
            if children:
                kept.append({title: children})
        elif item not in pages:
            kept.append(item)
    return kept


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write_config(config: dict, path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(n: int, target: Path, seed: int = 0, today: date = date(2026, 11, 24), versions: int = 1) -> None:
    """Write a project with N regulations per language into `target` (mkdocs.yml and mkdocs-plain.yml);
    with `versions` > 1, a git repository holding that many versions of each regulation."""
    rng = random.Random(seed)
    zh, en = corpus("zh"), corpus("en")
    docs = target / "handbook"
    for language in ("zh", "en"):
        (docs / language).mkdir(parents=True, exist_ok=True)
        (docs / language / "index.md").write_text(
            "# 运营管理制度手册\n\n合成的基准测试手册。\n"
            if language == "zh"
            else "# Operations Handbook\n\nA synthetic handbook for the benchmark.\n",
            encoding="utf-8",
        )
    for name in ("roles.yml", "search_terms.txt"):
        (docs / name).write_text((SPECIMEN / "handbook" / name).read_text(encoding="utf-8"), encoding="utf-8")
    sections: list = []
    states: list[tuple[str, list[tuple[str, str]]]] = []  # page -> its (zh, en) texts, version 1.0 first
    for section in range(1, (n + SECTION_SIZE - 1) // SECTION_SIZE + 1):
        folder = f"s{section:02d}"
        pages = []
        for number in range((section - 1) * SECTION_SIZE + 1, min(n, section * SECTION_SIZE) + 1):
            name, zh_text, en_text = regulation(rng, number, section, today, zh, en)
            for language, text in (("zh", zh_text), ("en", en_text)):
                (docs / language / folder).mkdir(exist_ok=True)
                (docs / language / folder / name).write_text(text, encoding="utf-8")
            pages.append(f"{folder}/{name}")
            if versions > 1:
                states.append((f"{folder}/{name}", past_versions(rng, zh_text, en_text, versions, zh)))
        sections.append({f"第{section}部分": pages})
    # Beyond GROUP_SIZE sections, sections are grouped (编), so that a page's
    # pruned navigation holds the groups, its group's sections and its section's
    # pages: bounded, however large the handbook.
    nav: list = ["index.md"]
    if len(sections) <= GROUP_SIZE:
        nav += sections
    else:
        nav += [
            {f"第{chinese_number(g // GROUP_SIZE + 1)}编": sections[g : g + GROUP_SIZE]}
            for g in range(0, len(sections), GROUP_SIZE)
        ]
    nav.append(
        {"制度管理": ["governance/reviews.md", "governance/register.md", "governance/raci.md", "governance/changes.md"]}
    )
    handbook = load_handbook(docs, target)  # CODEOWNERS, as `handbook codeowners` writes it
    (target / CODEOWNERS).parent.mkdir(parents=True, exist_ok=True)
    (target / CODEOWNERS).write_text(codeowners(handbook, "handbook"), encoding="utf-8")
    for plain, name in ((False, "mkdocs.yml"), (True, "mkdocs-plain.yml")):
        config = mkdocs_config(nav, plain)
        config["docs_dir"] = "handbook"
        (target / name).write_text(
            yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    if versions > 1:
        commit_versions(target, states, versions)


# mkdocs.yml uses tags (!ENV, !relative, !!python/name): read and write them as they are.
class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


class _Tagged:
    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class _Env(_Tagged):
    def __init__(self, variable: str, default: object) -> None:
        super().__init__("!ENV", [variable, default])


def _construct(loader: yaml.Loader, suffix: str, node: yaml.Node) -> _Tagged:
    value = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else loader.construct_mapping(node)
        if isinstance(node, yaml.MappingNode)
        else loader.construct_scalar(node)
    )
    return _Tagged(node.tag, value)


def _represent(dumper: yaml.Dumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("", _construct)
_Dumper.add_multi_representer(_Tagged, _represent)


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), versions=int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"wrote a handbook of {sys.argv[1]} regulations per language to {sys.argv[2]}")
