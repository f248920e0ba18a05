"""Issue 10, loading: a bad item costs that item, never the file or the situation; the
header never blanks the board; limits and environment values have ranges; files reached
through a link out of the folder are never read; messages never quote a file's content.
Real files, and `sitboard check` in a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import sitboard

from tui.model.load import load, strictest_marking
from tui.model.types import BrokenItem

ROOT = Path(__file__).resolve().parent.parent
HEADER = "situation:\n  id: demo\n  title: Demo\n  as_of: 2024-08-09T12:00:00+03:00\n"
PART = "situation:\n  id: demo\n"
TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"  # looks like a GitHub token


def check(*args: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return sitboard("check", *args, cwd=cwd, env=env)


def labels(situation) -> list[str]:
    """The labels of the items that validated (BrokenItems are flagged rows)."""
    return [it.label for it in situation.items() if not isinstance(it, BrokenItem)]


# -- 1. one bad field ------------------------------------------------------------------


def test_one_bad_field_in_the_default_file_keeps_every_other_item(tmp_path: Path) -> None:
    good = load([ROOT / "data"]).situations[0]
    text = (ROOT / "data" / "kursk-2024-08.yaml").read_text("utf-8")
    assert "    status: contested\n" in text
    bad = tmp_path / "kursk.yaml"
    bad.write_text(text.replace("    status: contested\n", "    status: winning\n", 1), encoding="utf-8")
    result = load([bad])
    (sit,) = result.situations
    assert sit.title == good.title and sit.as_of == good.as_of and sit.marking == good.marking
    assert labels(sit) == [label for label in labels(good) if label != good.fronts[0].label]
    assert [d.path for d in result.errors] == ["fronts[0].status"]
    proc = check(bad)
    assert proc.returncode == 1
    assert f"{bad}:88:13: fronts[0].status: 'winning' is not one of" in proc.stdout


def test_a_bad_item_in_the_part_with_the_header_keeps_the_situation(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "a-head.yaml").write_text(HEADER + "fronts:\n  - name: North\n    status: winning\n  - name: South\n")
    (d / "b-desk.yaml").write_text(PART + "events:\n  - what: Shelling\n  - what: 5\n    date: soon\n")
    result = load([d])
    (sit,) = result.situations
    assert sit.title == "Demo"
    assert labels(sit) == ["South", "Shelling"]
    assert not any("has no part with" in diag.message for diag in result.diagnostics)
    proc = check(d)
    assert proc.returncode == 1 and "has no part with" not in proc.stdout
    assert "fronts[0].status" in proc.stdout and "events[1].date" in proc.stdout
    # the items with errors are flagged rows, in file order
    assert [(it.label, isinstance(it, BrokenItem)) for it in sit.items()] == [
        ("North", True),
        ("South", False),
        ("Shelling", False),
        ("5", True),
    ]


def test_two_desks_writing_the_same_item_keep_both_the_later_one_flagged(tmp_path: Path) -> None:
    """A duplicate id is an error of the later item: a flagged row with what it holds (it
    vanished from the board before, the error bar saying why)."""
    d = tmp_path / "sit"
    d.mkdir()
    (d / "a-head.yaml").write_text(HEADER + "fronts:\n  - name: North axis\n    status: advancing\n")
    (d / "b-desk.yaml").write_text(PART + "fronts:\n  - name: North Axis\n    status: holding\n")
    (sit,) = load([d]).situations
    assert [(f.id, f.label, f.broken) for f in sit.fronts] == [
        ("north-axis", "North axis", False),
        ("fronts-0", "North Axis", True),
    ]
    (broken,) = [f for f in sit.fronts if f.broken]
    assert dict(broken.values)["status"] == "holding"
    assert broken.problems[0].message.startswith("duplicate id 'north-axis': fronts[0] at ")
    proc = check(d)
    assert proc.returncode == 1 and "b-desk.yaml:4:5: fronts[0]: duplicate id 'north-axis'" in proc.stdout


def test_a_bad_title_falls_back_to_the_file_name_and_a_bad_as_of_to_its_time(tmp_path: Path) -> None:
    f = tmp_path / "kharkiv.yaml"
    f.write_text("situation:\n  id: k\n  title: [a, b]\n  as_of: yesterday\nevents:\n  - what: Shelling\n")
    os.utime(f, (1_723_194_000, 1_723_194_000))  # 2024-08-09 09:00 UTC
    (sit,) = load([f]).situations
    assert sit.title == "kharkiv.yaml"
    assert sit.as_of.approx and sit.as_of.value.isoformat() == "2024-08-09T09:00:00+00:00"
    assert labels(sit) == ["Shelling"]


# -- 7. a header in two parts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("markings", "shown"),
    [
        (["TLP:RED", "TLP:CLEAR"], "TLP:RED"),
        (["TLP:CLEAR", "TLP:AMBER+STRICT", "TLP:AMBER"], "TLP:AMBER+STRICT"),
        (["TLP:GREEN", None], "TLP:GREEN"),
        (["TLP:CLEAR", "OFFICIAL"], "OFFICIAL"),
        (["TLP:WHITE", "tlp:clear"], "TLP:WHITE"),
        (["TLP:RED", "OFFICIAL", "SECRET"], "TLP:RED / OFFICIAL / SECRET"),
        (["OFFICIAL", "official"], "OFFICIAL"),
        ([None, None], None),
    ],
)
def test_the_most_restrictive_marking(markings, shown) -> None:
    assert strictest_marking(markings) == shown


def test_two_headers_are_an_error_and_red_is_never_downgraded(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "0-planted.yaml").write_text(HEADER.replace("Demo", "Planted") + "  marking: TLP:CLEAR\n")
    (d / "main.yaml").write_text(HEADER + "  marking: TLP:RED\nevents:\n  - what: Convoy\n")
    (sit,) = load([d]).situations
    assert sit.marking == "TLP:RED" and labels(sit) == ["Convoy"]
    proc = check(d)
    assert proc.returncode == 1
    assert "has `title` and `as_of` in two parts" in proc.stdout
    assert "the most restrictive marking of all parts is shown" in proc.stdout


# -- limits ----------------------------------------------------------------------------


def test_items_across_all_parts_are_bounded(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "a.yaml").write_text(HEADER + "events:\n" + "".join(f"  - what: a{i}\n" for i in range(4)))
    (d / "b.yaml").write_text(PART + "events:\n" + "".join(f"  - what: b{i}\n" for i in range(4)))
    proc = check(d, env={"SITBOARD_MAX_TOTAL_ITEMS": "6"})
    assert proc.returncode == 1
    assert (
        f"{d / 'b.yaml'}:1:1: too many items across all files: 8, over the limit of 6;"
        " the items past it are left out; set SITBOARD_MAX_TOTAL_ITEMS to raise it"
    ) in proc.stdout
    code = (
        "import sys; from tui.model.load import load; print([e.what for e in load([sys.argv[1]]).situations[0].events])"
    )
    env = {**os.environ, "SITBOARD_MAX_TOTAL_ITEMS": "6", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, d], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == str(["a0", "a1", "a2", "a3", "b0", "b1"])


@pytest.mark.parametrize("value", ["inf", "1e400", "-1", "nan", "0", "lots", "99999"])
def test_environment_values_out_of_range_keep_the_default_with_a_warning(tmp_path: Path, value: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEADER + "x-pad: '" + "x" * (2 * 1024 * 1024) + "'\n")  # 2 MB: under the default 16
    proc = check(f, env={"SITBOARD_MAX_FILE_MB": value})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert (
        f"environment:1:1: warning: SITBOARD_MAX_FILE_MB={value!r} is not a number from 0.001 to 4,096:"
        " the default 16 is used"
    ) in proc.stdout


@pytest.mark.parametrize("command", [["brief"], ["export", "--csv", "events"], ["diff", "DATA", "DATA"]])
def test_outputs_say_which_environment_value_they_did_not_use(tmp_path: Path, command: list[str]) -> None:
    """brief, export and diff load as check does: an unused value is said once on stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SITBOARD_MAX_FILE_MB": "inf"}
    args = [str(ROOT / "data") if a == "DATA" else a for a in command]
    if command[0] != "diff":
        args.append(str(ROOT / "data"))
    proc = subprocess.run(
        [sys.executable, "-m", "tui", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    warning = "environment:1:1: warning: SITBOARD_MAX_FILE_MB='inf' is not a number from 0.001 to 4,096"
    assert proc.stderr.count(warning) == 1 and proc.stdout


def test_environment_values_in_range_are_used(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEADER + "x-pad: '" + "x" * (2 * 1024 * 1024) + "'\n")
    proc = check(f, env={"SITBOARD_MAX_FILE_MB": "1.5"})
    assert proc.returncode == 1 and "over the limit of 1.5 MB" in proc.stdout
    assert "warning" not in proc.stdout


# -- 5. links out of the folder, and content in messages ----------------------------------------


def test_a_link_leading_out_of_the_folder_is_skipped_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "git-credentials"
    secret.write_text(f"https://user:{TOKEN}@github.com\n")
    d = tmp_path / "sit"
    d.mkdir()
    (d / "main.yaml").write_text(HEADER + "events:\n  - what: Convoy\n")
    os.symlink(secret, d / "creds.yaml")
    os.symlink("main.yaml", d / "alias.yaml")  # inside: read (as a part like any other)
    proc = check(d)
    assert TOKEN not in proc.stdout + proc.stderr and "user:" not in proc.stdout
    assert (
        f"{d / 'creds.yaml'}:1:1: warning: skipped: a symbolic link leading outside {d} (to {secret})"
    ) in proc.stdout
    result = load([d])
    assert str(d / "creds.yaml") not in result.files and str(d / "alias.yaml") in result.files


def test_a_non_situation_file_is_described_without_quoting_it(tmp_path: Path) -> None:
    env_file = tmp_path / "prod.yaml"
    env_file.write_text(f"{TOKEN}\n")
    proc = check(env_file)
    assert proc.returncode == 1 and TOKEN[:8] not in proc.stdout
    assert "expected a mapping with `situation:` at the top, found text (40 characters)" in proc.stdout


def test_quoted_values_in_messages_are_short_and_visible(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    key = "\\e]0;pwned\\a" + "A" * 200
    f.write_text(HEADER + f'fronts:\n  - name: [x]\nx-a:\n  "{key}": 1\n  "{key}": 2\n')
    proc = check(f)
    assert proc.returncode == 1
    line = next(x for x in proc.stdout.splitlines() if "fronts[0].name" in x)
    assert line.endswith("expected text, found a list")
    line = next(x for x in proc.stdout.splitlines() if "duplicate key" in x)
    assert "\x1b" not in line and "\x07" not in line and "A" * 40 not in line
    assert "x-a.␛]0;pwned␇" + "A" * 21 + "…: duplicate key '␛]0;pwned␇" + "A" * 21 + "…' (first at line 8)" in line


def test_a_hash_name_is_read_and_a_part_replaced_by_a_directory_is_named(tmp_path: Path) -> None:
    d = tmp_path / "sit"
    d.mkdir()
    (d / "#desk.yaml").write_text(HEADER + "events:\n  - what: From the desk\n")
    (d / "fronts.yaml").mkdir()
    (d / ".hidden.yaml").write_text("not: read")
    proc = check(d)
    assert proc.returncode == 0, proc.stdout
    assert f"{d / 'fronts.yaml'}:1:1: warning: skipped: not a regular file: a directory" in proc.stdout
    assert ".hidden.yaml" not in proc.stdout
    assert labels(load([d]).situations[0]) == ["From the desk"]


def test_the_default_file_copied_checks_clean(tmp_path: Path) -> None:
    """A copy under another name, its documents beside it as the file names them
    (../seeds/...): the copy is checked, not the original (which it was before)."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "kursk-2024-08.yaml", tmp_path / "data" / "k.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    proc = check(tmp_path / "data")
    assert proc.returncode == 0 and proc.stdout.splitlines()[-1].endswith("OK"), proc.stdout
    assert "warning" not in proc.stdout  # every document found


def test_a_part_swapped_for_a_link_out_of_the_folder_after_listing_is_never_read(tmp_path: Path) -> None:
    from tui.model.load import FileCache, discover

    secret = tmp_path / "git-credentials"
    secret.write_text(f"situation: {{id: demo, title: '{TOKEN}', as_of: 2024-08-09}}\n")
    d = tmp_path / "sit"
    d.mkdir()
    (d / "main.yaml").write_text(HEADER + "events:\n  - what: Convoy\n")
    (d / "part.yaml").write_text(PART + "events:\n  - what: Patrol\n")
    files, _ = discover([d])
    cache = FileCache()
    assert [cache.get(f).item_count for f in files] == [1, 1]
    os.unlink(d / "part.yaml")
    os.symlink(secret, d / "part.yaml")  # after the listing, before the next read
    pf = cache.get(files[1], recheck=True)
    assert [(x.severity, x.message) for x in pf.diagnostics] == [
        ("warning", f"skipped, not read: the file leads outside {d} (to {secret})")
    ]
    assert TOKEN not in repr(pf)


@pytest.mark.parametrize("value", ["1e15", "inf", "nan", "-3", "soon"])
def test_stale_hours_out_of_range_keep_the_default(tmp_path: Path, value: str) -> None:
    """`SITBOARD_STALE_HOURS=1e15` and `--stale-hours 1e15` crashed brief (OverflowError)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SITBOARD_STALE_HOURS": value}
    run = [sys.executable, "-m", "tui"]
    brief = subprocess.run([*run, "brief", ROOT / "data"], env=env, capture_output=True, text=True, timeout=60)
    assert brief.returncode == 0 and "Traceback" not in brief.stderr and "internal error" not in brief.stderr
    assert "within 24 h" in brief.stdout
    warning = f"environment:1:1: warning: SITBOARD_STALE_HOURS={value!r} is not a positive number of hours"
    assert brief.stderr.count(warning) == 1  # the default stands, and brief says so
    proc = check(ROOT / "data", env={"SITBOARD_STALE_HOURS": value})
    assert proc.returncode == 0
    assert (
        f"environment:1:1: warning: SITBOARD_STALE_HOURS={value!r} is not a positive number of hours, at most 87,600"
        in (proc.stdout)
    )
    flag = subprocess.run(
        [*run, "brief", "--stale-hours", value, ROOT / "data"], env=env, capture_output=True, text=True, timeout=60
    )
    assert flag.returncode == 2 and "--stale-hours" in flag.stderr and "internal error" not in flag.stderr
