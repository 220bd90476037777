import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allOutput, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
let home: string;

/** Runs the CLI in the configured home and expects success. */
async function ok(args: string[], input?: string): Promise<string> {
  const result = await s2gos(home, args, { input });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  home = makeHome();
  // The server requires the token: every command below proves that the CLI sends it.
  await ok(['configure', '-s', serverUrl, '-t', TEST_TOKEN]);
});

afterAll(() => {
  expect(allOutput()).not.toContain(TEST_TOKEN);
  removeHome(home);
});

describe('list-processes [lp]', () => {
  it.each([['list-processes'], ['lp']])(
    '%s prints the process list as YAML when piped',
    async (name) => {
      const list = parseYaml(await ok([name]));
      expect(list.processes.map((p: { id: string }) => p.id)).toEqual(
        expect.arrayContaining(['sleep_a_while', 'primes_between', 'echo']),
      );
    },
  );

  it('prints JSON and tables on request, with -f before or after the command', async () => {
    expect(JSON.parse(await ok(['lp', '-f', 'json'])).processes.length).toBeGreaterThan(2);
    expect(JSON.parse(await ok(['-f', 'json', 'lp'])).processes.length).toBeGreaterThan(2);
    const table = await ok(['lp', '--format', 'table']);
    const [header, ...rows] = table.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+VERSION\s+TITLE$/);
    expect(rows.some((row) => /^primes_between\s+1\.0\.0\s+Prime generator$/.test(row))).toBe(true);
  });

  it('lets the option after the command win over the one before it', async () => {
    const out = await ok(['-f', 'yaml', 'lp', '-f', 'json']);
    expect(JSON.parse(out).processes).toBeDefined();
  });
});

describe('get-process [gp]', () => {
  it.each([['get-process'], ['gp']])('%s describes a process', async (name) => {
    const description = parseYaml(await ok([name, 'primes_between']));
    expect(description.id).toBe('primes_between');
    expect(Object.keys(description.inputs)).toEqual(['min_val', 'max_val']);
  });

  it('renders a document as a FIELD/VALUE table', async () => {
    const table = await ok(['gp', 'primes_between', '-f', 'table']);
    expect(table).toMatch(/^FIELD\s+VALUE\n/);
    expect(table).toMatch(/^id\s+primes_between$/m);
  });
});

describe('create-request [cr]', () => {
  it.each([['create-request'], ['cr']])('%s builds a template from defaults', async (name) => {
    expect(parseYaml(await ok([name, 'primes_between']))).toEqual({
      process_id: 'primes_between',
      inputs: { min_val: 0, max_val: 100 },
    });
  });

  it('uses first enum values and typed placeholders, and dotted names with -d', async () => {
    const template = JSON.parse(await ok(['cr', 'scene_link', '-f', 'json']));
    expect(template.inputs.bbox).toEqual({
      bbox: [-180, -90, 180, 90],
      crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    });
    expect(template.inputs.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dotted = JSON.parse(await ok(['cr', 'scene_link', '-d', '-f', 'json']));
    expect(dotted.dotpath).toBe(true);
    expect(dotted.inputs['bbox.crs']).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
  });

  it('makes a template that execute-process runs as it is', async () => {
    const file = join(home, 'template.yaml');
    writeFileSync(file, await ok(['cr', 'primes_between']));
    const results = parseYaml(await ok(['ep', '-r', file, '-i', 'max_val=12', '--wait']));
    expect(results).toEqual({ primes: [2, 3, 5, 7, 11] });
  });
});

describe('validate-request [vr]', () => {
  it.each([['validate-request'], ['vr']])('%s prints a valid request', async (name) => {
    const result = await s2gos(home, [name, 'primes_between', '-i', 'min_val=3']);
    expect(result.code).toBe(0);
    expect(parseYaml(result.stdout)).toEqual({
      process_id: 'primes_between',
      inputs: { min_val: 3 },
    });
    expect(result.stderr).toContain("The request for process 'primes_between' is valid.");
  });

  it('lists every problem with its input path and exits with 1', async () => {
    const result = await s2gos(home, [
      'vr',
      'scene_link',
      '-i',
      'bbox={"bbox": [0, 100, 10], "crs": "EPSG:4326"}',
      '-i',
      'start_date=yesterday',
      '-i',
      'colour=red',
    ]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("Error: the request for process 'scene_link' is invalid (6 problems)");
    expect(lines.slice(1).sort()).toEqual(
      [
        "  inputs.colour: is not an input of process 'scene_link'",
        '  inputs.end_date: is required',
        '  inputs.bbox.bbox: must NOT have fewer than 4 items, got [0,100,10]',
        '  inputs.bbox.bbox[1]: must be <= 90, got 100',
        '  inputs.bbox.crs: must be one of "http://www.opengis.net/def/crs/OGC/1.3/CRS84", got "EPSG:4326"',
        '  inputs.start_date: must match format "date", got "yesterday"',
      ].sort(),
    );
    expect(result.stdout).toBe('');
  });

  it('checks types and required inputs', async () => {
    const result = await s2gos(home, ['vr', 'primes_between', '-i', 'min_val=1.5']);
    expect(result.stderr).toContain('  inputs.min_val: must be integer, got 1.5');
    const missing = await s2gos(home, ['vr', 'echo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('  inputs.value: is required');
  });

  it('reads the process ID from the request file', async () => {
    const file = join(home, 'vr.json');
    writeFileSync(file, JSON.stringify({ process_id: 'echo', inputs: { value: null } }));
    expect(parseYaml(await ok(['vr', '-r', file]))).toEqual({
      process_id: 'echo',
      inputs: { value: null },
    });
  });
});

describe('requests with unknown members', () => {
  it('validate-request reports an unknown member with the nearest known one', async () => {
    const file = join(home, 'typo.yaml');
    writeFileSync(file, 'process_id: primes_between\ninput:\n  min_val: 10\n');
    const result = await s2gos(home, ['vr', '-r', file]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      "Error: the request for process 'primes_between' is invalid (1 problem)",
      '  input: unknown member `input`; did you mean `inputs`?',
    ]);
    expect(result.stdout).toBe('');
  });

  it('execute-process exits with 1 before anything is sent', async () => {
    const file = join(home, 'forgotten-wrapper.json');
    writeFileSync(file, JSON.stringify({ min_val: 90, max_val: 100 }));
    const result = await s2gos(home, ['ep', 'primes_between', '-r', file, '--wait']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '  min_val: unknown member `min_val`; a request has `inputs`, `outputs`, `response`, `subscriber` (inputs go under `inputs`)',
    );
    expect(result.stdout).toBe('');
  });

  it('warns when the request file names another process than the command line', async () => {
    const file = join(home, 'other-process.json');
    writeFileSync(file, JSON.stringify({ process_id: 'echo', inputs: { min_val: 3 } }));
    const result = await s2gos(home, ['vr', 'primes_between', '-r', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: the request file is for process 'echo'; using 'primes_between' from the command line",
    );
    const same = join(home, 'same-process.json');
    writeFileSync(same, JSON.stringify({ process_id: 'primes_between', inputs: { min_val: 3 } }));
    const agreeing = await s2gos(home, ['vr', 'primes_between', '-r', same]);
    expect(agreeing.code).toBe(0);
    expect(agreeing.stderr).not.toContain('warning');
  });
});

describe('execute-process [ep]', () => {
  /** Runs `echo` with the given request options and returns the value it echoed. */
  async function echo(args: string[], input?: string): Promise<unknown> {
    const out = await ok(['ep', ...args, '--wait', '-f', 'json'], input);
    return JSON.parse(out).value;
  }

  it.each([['execute-process'], ['ep']])('%s without --wait prints the new job', async (name) => {
    const job = parseYaml(await ok([name, 'echo', '-i', 'value=1']));
    expect(job.jobID).toEqual(expect.any(String));
    expect(['accepted', 'running', 'successful']).toContain(job.status);
  });

  it('parses -i values as JSON when they parse, else as strings', async () => {
    expect(await echo(['echo', '-i', 'value=42'])).toBe(42);
    expect(await echo(['echo', '-i', 'value=[1, "a", null]'])).toEqual([1, 'a', null]);
    expect(await echo(['echo', '-i', 'value={"a": true}'])).toEqual({ a: true });
    expect(await echo(['echo', '-i', 'value="42"'])).toBe('42');
    expect(await echo(['echo', '-i', 'value=hello world'])).toBe('hello world');
    expect(await echo(['echo', '-i', 'value=a=b'])).toBe('a=b');
    expect(await echo(['echo', '-i', 'value'])).toBe(true);
  });

  it('nests dotted names with -d/--dotpath', async () => {
    expect(
      await echo(['echo', '-d', '-i', 'value.scene.colors.bg=red', '-i', 'value.scene.size=3']),
    ).toEqual({ scene: { colors: { bg: 'red' }, size: 3 } });
    expect(await echo(['echo', '--dotpath', '-i', 'value.a=1'])).toEqual({ a: 1 });
    // Without -d a dot is part of the name.
    const result = await s2gos(home, ['ep', 'echo', '-i', 'value.a=1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: .*400/);
  });

  it('reads JSON and YAML request files, and stdin, with -i on top', async () => {
    const json = join(home, 'request.json');
    writeFileSync(
      json,
      JSON.stringify({ process_id: 'echo', inputs: { value: { from: 'json' } } }),
    );
    expect(await echo(['-r', json])).toEqual({ from: 'json' });

    const yaml = join(home, 'request.yaml');
    writeFileSync(yaml, 'inputs:\n  value:\n    from: yaml\n');
    expect(await echo(['echo', '-r', yaml])).toEqual({ from: 'yaml' });
    expect(await echo(['echo', '--request', yaml, '-i', 'value=override'])).toBe('override');

    expect(await echo(['echo', '-r', '-'], '{"inputs": {"value": "stdin json"}}')).toBe(
      'stdin json',
    );
    expect(await echo(['-r', '-'], 'process_id: echo\ninputs:\n  value: stdin yaml\n')).toBe(
      'stdin yaml',
    );
    const dotted = 'process_id: echo\ndotpath: true\ninputs:\n  value.x: 1\n';
    expect(await echo(['-r', '-', '-i', 'value.y=2'], dotted)).toEqual({ x: 1, y: 2 });
  });

  it('reads request files that start with a byte order mark (Windows editors, PowerShell)', async () => {
    const bom = '\uFEFF';
    const json = join(home, 'bom-request.json');
    writeFileSync(json, `${bom}{"process_id": "echo", "inputs": {"value": "bom json"}}`);
    expect(await echo(['-r', json])).toBe('bom json');
    expect(await echo(['echo', '-r', '-'], `${bom}{"inputs": {"value": "bom stdin"}}`)).toBe(
      'bom stdin',
    );
    const yaml = join(home, 'bom-request.yaml');
    writeFileSync(yaml, `${bom}process_id: echo\ninputs:\n  value: bom yaml\n`);
    expect(await echo(['-r', yaml])).toBe('bom yaml');
  });

  it('accepts subscribers for success, failed and progress', async () => {
    const job = parseYaml(
      await ok([
        'ep',
        'echo',
        '-i',
        'value=1',
        '-s',
        'success=http://127.0.0.1:9/done',
        '--subscriber',
        'failed=http://127.0.0.1:9/failed',
        '-s',
        'progress=http://127.0.0.1:9/progress',
        '--server',
        serverUrl,
      ]),
    );
    expect(job.jobID).toEqual(expect.any(String));
  });

  it('follows a job with --wait: plain progress lines on stderr, results on stdout', async () => {
    const result = await s2gos(home, ['ep', 'sleep_a_while', '-i', 'duration=0.3', '--wait']);
    expect(result.code).toBe(0);
    expect(parseYaml(result.stdout)).toEqual({ slept: expect.any(Number) });
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^job \S+ successful 100%/);
    expect(
      lines.every((line) => /^job \S+ (accepted|running|successful)( \d+%)?(: .*)?$/.test(line)),
    ).toBe(true);
  });

  it('exits with 2 when the followed job fails, with the traceback on request', async () => {
    const args = ['ep', 'sleep_a_while', '-i', 'duration=0.2', '-i', 'fail=true', '--wait'];
    const result = await s2gos(home, args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: job \S+ failed: Woke up too early$/m);
    expect(result.stderr).not.toContain('Server traceback:');

    const traced = await s2gos(home, [...args, '--traceback']);
    expect(traced.code).toBe(2);
    const tail = traced.stderr.slice(traced.stderr.indexOf('Server traceback:'));
    expect(tail).toContain('Woke up too early');
    expect(tail.split('\n').length).toBeGreaterThan(2);
  });

  it('leaves the job running on Ctrl-C without a terminal, and says how to find it', async () => {
    let jobId = '';
    const result = await s2gos(home, ['ep', 'sleep_a_while', '-i', 'duration=30', '--wait'], {
      onSpawn(child, output) {
        const poll = setInterval(() => {
          const match = /^job (\S+) running/m.exec(output.stderr());
          if (match?.[1]) {
            jobId = match[1];
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 50);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      `Stopped following job ${jobId}; it keeps running. Check it with 's2gos get-job ${jobId}'`,
    );
    expect(parseYaml(await ok(['gj', jobId])).status).toBe('running');
    expect(parseYaml(await ok(['dj', jobId])).status).toBe('dismissed');
  });
});

describe('the access token', () => {
  it('is redacted even where a server sends it back', async () => {
    const echoed = parseYaml(await ok(['ep', 'echo', '-i', `value=${TEST_TOKEN}`, '--wait']));
    expect(echoed).toEqual({ value: `****${TEST_TOKEN.slice(-4)}` });
  });
});

describe('jobs: list-jobs [lj], get-job [gj], dismiss-job [dj], get-job-results [gjr]', () => {
  let jobId: string;

  beforeAll(async () => {
    jobId = parseYaml(await ok(['ep', 'primes_between', '-i', 'max_val=10'])).jobID;
    // A bounded wait for the job to finish, through the CLI itself.
    for (let i = 0; i < 50; i++) {
      if (parseYaml(await ok(['gj', jobId])).status === 'successful') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  });

  it.each([['list-jobs'], ['lj']])('%s lists jobs', async (name) => {
    const list = parseYaml(await ok([name, '--limit', '1000']));
    expect(list.jobs.map((job: { jobID: string }) => job.jobID)).toContain(jobId);
  });

  it('filters by status and process, and limits', async () => {
    const successful = JSON.parse(
      await ok(['lj', '--status', 'successful', '--process', 'primes_between', '-f', 'json']),
    );
    expect(successful.jobs.length).toBeGreaterThan(0);
    for (const job of successful.jobs) {
      expect(job).toMatchObject({ status: 'successful', processID: 'primes_between' });
    }
    expect(JSON.parse(await ok(['lj', '--limit', '1', '-f', 'json'])).jobs).toHaveLength(1);
    const several = JSON.parse(await ok(['lj', '--status', 'failed,dismissed', '-f', 'json']));
    for (const job of several.jobs) expect(['failed', 'dismissed']).toContain(job.status);
  });

  it('renders jobs as a table', async () => {
    const [header, ...rows] = (await ok(['lj', '-f', 'table', '--limit', '1000']))
      .trimEnd()
      .split('\n');
    expect(header).toMatch(/^JOB ID\s+PROCESS\s+STATUS\s+PROGRESS\s+CREATED\s+MESSAGE$/);
    expect(rows.some((row) => row.startsWith(jobId))).toBe(true);
  });

  it.each([['get-job'], ['gj']])('%s shows a job', async (name) => {
    const job = parseYaml(await ok([name, jobId]));
    expect(job).toMatchObject({ jobID: jobId, processID: 'primes_between' });
  });

  it.each([['get-job-results'], ['gjr']])('%s prints the results', async (name) => {
    expect(parseYaml(await ok([name, jobId]))).toEqual({ primes: [2, 3, 5, 7] });
  });

  it.each([['dismiss-job'], ['dj']])('%s dismisses a job', async (name) => {
    const job = parseYaml(await ok(['ep', 'sleep_a_while', '-i', 'duration=30']));
    expect(parseYaml(await ok([name, job.jobID])).status).toBe('dismissed');
  });
});
