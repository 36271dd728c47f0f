#!/usr/bin/env bash
# The main job on its embedded default: the bundled sample corpus (src/sample/corpus).
# For now it parses every sample file and prints the figures; the Spark/Delta pipeline replaces this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$here/jobs/gongkai" parse "$here"/src/sample/corpus/*
