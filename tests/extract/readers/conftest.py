"""PDFs made once per test run from the tests' own text (see pdf_articles.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

import pdf_articles


@pytest.fixture(scope="session")
def article_pdf(tmp_path_factory) -> Path:
    return pdf_articles.two_column_article(tmp_path_factory.mktemp("pdf") / "article.pdf")


@pytest.fixture(scope="session")
def article(article_pdf):
    from spasmkg.extract.readers.pdf import read
    return next(read(article_pdf))
