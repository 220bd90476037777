/**
 * Reads YAML with PyYAML's `safe_load`, as the Python tool does, in a real Python process
 * (Debian's python3-yaml, installed by scripts/ensure-pyyaml.sh).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Debian's python3-yaml installs for the system Python; another python3 on PATH may lack it.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// JSON out, so that a value PyYAML reads as something JSON cannot hold (a date) fails loudly.
const SCRIPT = 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin.read()), sys.stdout)';

/** Fails with what to do when PyYAML is missing. */
export function requirePyYaml(): void {
  try {
    execFileSync(PYTHON, ['-c', 'import yaml'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `PyYAML is missing (${PYTHON} -c 'import yaml' failed): run 'bash scripts/ensure-pyyaml.sh' ` +
        "as root, or install Debian's python3-yaml.",
    );
  }
}

/** The value PyYAML reads from `text`, through JSON. */
export function readWithPyYaml(text: string): unknown {
  const json = execFileSync(PYTHON, ['-c', SCRIPT], { input: text, encoding: 'utf8' });
  return JSON.parse(json);
}
