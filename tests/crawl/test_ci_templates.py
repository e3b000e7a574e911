"""The CI templates against the schemas check-jsonschema ships (GitHub workflows, GitLab CI),
the pre-commit manifest through pre-commit itself, and the hook run for real in a new repository."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def tool(name):
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return str(path)


@pytest.mark.parametrize("template, schema", [
    ("docs/ci/github-actions.yml", "vendor.github-workflows"),
    ("docs/ci/gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_templates_match_the_published_schemas(template, schema):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(ROOT / template)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_github_workflow_uploads_sarif_junit_and_the_report():
    workflow = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as true
    steps = workflow["jobs"]["checks"]["steps"]
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "build/toolkit.sarif"
    assert uses["mikepenz/action-junit-report"]["with"]["report_paths"] == "build/*-junit.xml"
    assert uses["actions/upload-artifact"]["with"]["path"] == "build/report/"
    commands = " ".join(step.get("run", "") for step in steps)
    assert "--format sarif -o build/toolkit.sarif" in commands and "toolkit report" in commands
    assert workflow["permissions"]["security-events"] == "write"


def test_the_gitlab_job_reports_junit():
    job = yaml.safe_load((ROOT / "docs/ci/gitlab-ci.yml").read_text())["toolkit-checks"]
    assert job["artifacts"]["reports"]["junit"] == ["check-junit.xml", "a11y-junit.xml"]
    assert job["artifacts"]["when"] == "always"


def test_the_pre_commit_manifest_is_valid():
    result = subprocess.run([tool("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "QA", "GIT_AUTHOR_EMAIL": "qa@example.org",
                        "GIT_COMMITTER_NAME": "QA", "GIT_COMMITTER_EMAIL": "qa@example.org"})


def test_the_pre_commit_hook_runs_in_another_repository(tmp_path):
    """pre-commit installs the toolkit from this repository's HEAD into its own environment
    and runs the catalogue checks on the staged .po files only."""
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    repo = tmp_path / "translations"
    catalogue = repo / "locales" / "sr" / "LC_MESSAGES" / "messages.po"
    catalogue.parent.mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "sr" / "LC_MESSAGES" / "messages.po", catalogue)
    (repo / "README.txt").write_text("not a catalogue\n")
    git(tmp_path, "init", "-q", str(repo))
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def hook():
        return subprocess.run([tool("pre-commit"), "try-repo", str(ROOT), "toolkit-check-catalogues"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "toolkit catalogue checks" in clean.stdout and "Passed" in clean.stdout

    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("пишите на %(email)s или", "пишите или"), encoding="utf-8")
    git(repo, "add", ".")
    broken = hook()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout and "placeholder" in broken.stdout
    assert "locales/sr/LC_MESSAGES/messages.po" in broken.stdout
