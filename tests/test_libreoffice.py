"""A real client opens every sample DOCX: LibreOffice converts each to PDF without error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from pdfcheck import pdf_text, squash


def test_libreoffice_converts_every_sample_docx(sample_build: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is needed; .ci/run installs it"
    documents = sorted(sample_build.rglob("*.docx"))
    assert len(documents) >= 4 * 3 + 1
    for index, document in enumerate(documents):
        out = tmp_path / str(index)
        result = subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(document),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        converted = out / f"{document.stem}.pdf"
        assert converted.is_file(), (document, result.stdout, result.stderr)
        assert len(PdfReader(converted).pages) >= 1
        title = next(line for line in pdf_text(converted).splitlines() if line.strip())
        assert squash(title), document
