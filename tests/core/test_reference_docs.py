"""The committed reference docs match the catalogue and the contract in the code."""

from pathlib import Path

from youjun.core.errors import CATALOGUE
from youjun.core.reference import contract_markdown, errors_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_errors_doc_is_current() -> None:
    assert (DOCS / "errors.md").read_text(encoding="utf-8") == errors_markdown(), (
        "run: python -m youjun.core.reference docs")


def test_contract_doc_is_current() -> None:
    assert (DOCS / "data-contract.md").read_text(encoding="utf-8") == contract_markdown()


def test_every_code_is_documented_once() -> None:
    text = errors_markdown()
    for code in CATALOGUE:
        assert text.count(f"`{code}`") == 1
