import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../src/cli.js';

describe('parseCommandLine', () => {
  it('defaults to 127.0.0.1:8008 without a token', () => {
    expect(parseCommandLine([], {})).toEqual({
      kind: 'serve',
      options: { host: '127.0.0.1', port: 8008, debug: false },
      quiet: false,
    });
  });

  it('reads every option', () => {
    expect(
      parseCommandLine(['--host', '0.0.0.0', '--port=0', '--token', 't', '--debug', '--quiet'], {}),
    ).toEqual({
      kind: 'serve',
      options: { host: '0.0.0.0', port: 0, debug: true, token: 't' },
      quiet: true,
    });
  });

  it('reads the bounds of the job store, in the units of the flags', () => {
    expect(
      parseCommandLine(
        [
          '--workers=3',
          '--max-queued',
          '0',
          '--max-jobs=50',
          '--max-stored-mb=64',
          '--retention=600',
          '--max-jobs-per-client=5',
        ],
        {},
      ),
    ).toMatchObject({
      options: {
        workers: 3,
        maxQueued: 0,
        maxJobs: 50,
        maxStoredBytes: 64 * 1024 * 1024,
        retention: 600_000,
        maxJobsPerClient: 5,
      },
    });
  });

  it('takes the token from S2GOS_SERVER_TOKEN unless --token is given', () => {
    const env = { S2GOS_SERVER_TOKEN: 'from-env' };
    expect(parseCommandLine([], env)).toMatchObject({ options: { token: 'from-env' } });
    expect(parseCommandLine(['--token', 'flag'], env)).toMatchObject({
      options: { token: 'flag' },
    });
    expect(parseCommandLine([], { S2GOS_SERVER_TOKEN: '' })).not.toHaveProperty('options.token');
  });

  it.each([['-h'], ['--help'], ['--port', 'x', '--help']])('asks for help with %s', (...args) => {
    expect(parseCommandLine(args, {})).toEqual({ kind: 'help' });
  });

  it('asks for the version with -v', () => {
    expect(parseCommandLine(['-v'], {})).toEqual({ kind: 'version' });
  });

  it.each([
    [['--port', 'abc'], "--port must be an integer from 0 to 65535, got 'abc'."],
    [['--port', '65536'], '--port must be an integer'],
    [['--port', '-1'], /--port/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['extra'], /positional argument/],
    [['--host'], /argument missing/],
    [['--workers', '0'], "--workers must be an integer of at least 1, got '0'."],
    [['--retention', '1.5'], /--retention must be an integer/],
    [['--max-stored-mb', '-3'], /--max-stored-mb/],
  ])('rejects %j with a UsageError', (args, message) => {
    expect(() => parseCommandLine(args, {})).toThrow(UsageError);
    expect(() => parseCommandLine(args, {})).toThrow(message);
  });
});
