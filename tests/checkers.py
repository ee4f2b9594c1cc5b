"""Where the independent checkers live: npm packages run with Node's and Java's help."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def axe_missing_reason() -> str | None:
    if not AXE_SCRIPT.exists():
        return "axe-core is not installed: run npm ci (Node and npm from Debian's nodejs, npm)"
    return None


def vnu_missing_reason() -> str | None:
    if shutil.which("java") is None:
        return "Java is missing for the Nu Html Checker: apt-get install default-jre-headless"
    if not VNU_JAR.exists():
        return "The Nu Html Checker is not installed: run npm ci"
    return None
