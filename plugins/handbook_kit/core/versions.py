"""Every version of every regulation: what the repository's history holds and what `revisions` says.

The text of version V is the source-language file at the last commit at which its `version`
was V (core/history); the current version is the file as it is now, committed
or not. A version that `revisions` lists and history does not hold is shown as
not archived. Dates come from `revisions`, else from the commit that brought the
version in: never from the clock, so a build for a pinned day is reproducible.

What history says against itself (a version that goes backwards, two texts
committed under one version, a revision date that history contradicts) becomes
a warning naming the file and the commit; every version is still shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from .changes import body, version_in
from .frontmatter import FrontMatterError, front_matter_data
from .history import Commit, History, Snapshot, counterpart, history_problem, read_files_at, read_history
from .languages import DEFAULT, Languages
from .problems import Problem
from .registry import Handbook, RegulationRecord
from .regulation import Bilingual, Regulation, Translation


@dataclass(frozen=True)
class Version:
    """One version of one regulation."""

    version: str
    date: date | None  # from `revisions`, else the commit that brought it in; None if neither says
    summary: Bilingual | None  # from the current `revisions`
    current: bool = False
    commit: Commit | None = None  # the last commit holding it: its text (None: not archived, or current)
    text: str = ""  # the source-language file, front matter included ("" when not archived)
    current_regulation: Regulation | None = None  # the current version's metadata
    translation: str | None = None  # the translation at `commit`, when it translated this version
    translation_title: str | None = None
    languages: Languages = DEFAULT  # the handbook's, which its metadata then is read with

    @cached_property
    def regulation(self) -> Regulation | None:
        """Its metadata then, when they still read as valid (an older contract: None, and no card).
        Read when a page asks: most builds and every `handbook check` never need them."""
        if self.current:
            return self.current_regulation
        if not self.text:
            return None
        try:
            return Regulation.model_validate(front_matter_data(self.text), context={"languages": self.languages})
        except (FrontMatterError, ValidationError):
            return None

    @property
    def archived(self) -> bool:
        """Its text is published: an earlier version that history holds."""
        return self.commit is not None and not self.current


@dataclass(frozen=True)
class RegulationHistory:
    regulation_id: str
    versions: tuple[Version, ...]  # newest first; the current one included

    def previous(self, version: Version) -> Version | None:
        """The newest older version whose text is known (archived): what `version` is compared with."""
        older = self.versions[self.versions.index(version) + 1 :]
        return next((v for v in older if v.archived), None)

    def successor(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None

    def get(self, version: str) -> Version | None:
        return next((v for v in self.versions if v.version == version), None)

    @property
    def current(self) -> Version:
        return next(v for v in self.versions if v.current)


def version_key(version: str) -> tuple[int, ...]:
    """ "1.10" sorts after "1.9"."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (-1,)


def regulation_histories(
    handbook: Handbook, docs: Path, history: History
) -> tuple[dict[str, RegulationHistory], list[Problem]]:
    """Every regulation's versions, by id, and the warnings history gives (`docs`: the docs folder)."""
    problems: list[Problem] = []
    top = history.top.resolve() if history.top else None
    found: list[tuple[RegulationRecord, list[tuple[str, Snapshot]], dict[str, Snapshot]]] = []
    for record in handbook.regulations:
        snapshots = (
            history.at((docs / handbook.languages.source / record.page).resolve().relative_to(top).as_posix())
            if top
            else ()
        )
        read = []
        for snapshot in snapshots:
            if (version := version_in(snapshot.text)) is None:
                problems.append(
                    history_problem(
                        record.path,
                        record.front.line_of(("version",)),
                        f"the file at commit {snapshot.commit.short} has no readable version: that state is not shown",
                    )
                )
                continue
            read.append((version, snapshot))
        found.append((record, read, _newest(read)))
    # The translation of an archived version: that file at the commit that holds its text (one batch).
    languages = handbook.languages
    wanted = [
        (snapshot.commit, counterpart(snapshot.path, languages.source, languages.translation))
        for record, _, newest in found
        for version, snapshot in newest.items()
        if version != record.regulation.version and languages.translation
    ]
    translations = read_files_at(history, wanted)
    histories = {}
    for record, read, newest in found:
        histories[record.regulation.id] = _history(record, read, newest, translations, problems, languages)
    return histories, problems


def _newest(read: list[tuple[str, Snapshot]]) -> dict[str, Snapshot]:
    """Each version's text: its newest snapshot (history is read newest first)."""
    newest: dict[str, Snapshot] = {}
    for version, snapshot in read:
        newest.setdefault(version, snapshot)
    return newest


def _history(
    record: RegulationRecord,
    read: list[tuple[str, Snapshot]],
    last: Mapping[str, Snapshot],
    translations: Mapping[tuple[str, str], str],
    problems: list[Problem],
    languages: Languages,
) -> RegulationHistory:
    """`read`: the file's committed versions, newest first; `last`: each version's newest snapshot, its text."""
    regulation = record.regulation
    revisions = {revision.version: revision for revision in regulation.revisions}
    line = record.front.line_of(("version",))
    # Walking history newest first: the last snapshot of a version is the commit that brought it in.
    first: dict[str, Snapshot] = {}
    newer: tuple[str, Snapshot] | None = None
    for version, snapshot in read:
        if newer and version == newer[0] and body(snapshot.text) != body(newer[1].text):
            problems.append(
                history_problem(
                    record.path,
                    line,
                    f"version {version} was committed with two different texts ({snapshot.commit.short}, then "
                    f"{newer[1].commit.short}): the later one is shown (a change of the text raises the version)",
                )
            )
        if newer and version_key(version) > version_key(newer[0]):
            problems.append(
                history_problem(
                    record.path,
                    line,
                    f"the version went backwards in history: {version} at commit {snapshot.commit.short}, "
                    f"then {newer[0]} at {newer[1].commit.short}",
                )
            )
        first[version] = snapshot
        newer = (version, snapshot)
    versions = []
    for version in sorted({*last, *revisions, regulation.version}, key=version_key, reverse=True):
        revision = revisions.get(version)
        brought_in = first.get(version)
        when = revision.date if revision else (brought_in.commit.date if brought_in else None)
        if revision and brought_in and version != regulation.version and revision.date > _next_date(version, first):
            problems.append(
                history_problem(
                    record.path,
                    record.front.line_of(("revisions",)),
                    f"the revision of {version} is dated {revision.date}, after history replaced it "
                    f"({_next_date(version, first)}): check its date",
                )
            )
        summary = revision.summary if revision else None
        if version == regulation.version:
            versions.append(
                Version(version, when, summary, current=True, current_regulation=regulation, languages=languages)
            )
            continue
        if version not in last:
            versions.append(Version(version, when, summary, languages=languages))
            continue
        snapshot = last[version]
        translated = (
            translations.get((snapshot.commit.sha, counterpart(snapshot.path, languages.source, languages.translation)))
            if languages.translation
            else None
        )
        translation, title = _translation_of(translated, version)
        versions.append(
            Version(version, when, summary, False, snapshot.commit, snapshot.text, None, translation, title, languages)
        )
    return RegulationHistory(regulation.id, tuple(versions))


def _next_date(version: str, first: Mapping[str, Snapshot]) -> date:
    """The day the version after `version` came in, as history says (the far future when none did)."""
    later = [s.commit.date for v, s in first.items() if version_key(v) > version_key(version)]
    return min(later, default=date.max)


def _translation_of(translated: str | None, version: str) -> tuple[str | None, str | None]:
    """The translation's text and title at that commit, when it translated that very version."""
    if translated is None:
        return None, None
    try:
        translation = Translation.model_validate(front_matter_data(translated))
    except (FrontMatterError, ValidationError):
        return None, None
    if translation.source_version != version:
        return None, None
    return translated, translation.title


@dataclass(frozen=True)
class HandbookHistory:
    """Every regulation's versions, what history said against itself, and what the history read lacked."""

    regulations: Mapping[str, RegulationHistory]
    problems: tuple[Problem, ...]
    lacking: str  # "" when the whole history was read


def handbook_history(handbook: Handbook, docs: Path) -> HandbookHistory:
    """Read the history of every regulation of `docs` (four calls of git: three for the source-language
    files, one for the translations of archived versions) and make its versions."""
    source = docs / handbook.languages.source
    history = read_history(docs, [source / record.page for record in handbook.regulations])
    regulations, problems = regulation_histories(handbook, docs, history)
    return HandbookHistory(regulations, tuple(problems), history.lacking)
