import type { Command } from 'commander';
import { signIn, signOut, tokenCacheKey } from '../auth.js';
import { addGlobalOptions } from '../options.js';
import type { Runtime } from '../runtime.js';

/** `login` and `logout`: sign in now and cache the tokens, or forget them. */
export function registerLoginCommands(program: Command, rt: Runtime): void {
  const login = program
    .command('login')
    .description(
      'sign in now (login, client-credentials, device) and cache the tokens in ~/.s2gos/tokens',
    );
  addGlobalOptions(login)
    .addHelpText(
      'after',
      `
For the device auth type, open the URL printed and enter the code; the command waits.
Later commands use the cached tokens and refresh them as needed.`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      const config = rt.resolveConfig(cmd);
      await signIn(rt, config);
      const { user } = tokenCacheKey(config);
      rt.say(`Signed in${user ? ` as ${user}` : ''} for ${config.serverUrl}`);
    });

  const logout = program
    .command('logout')
    .description('remove the cached tokens of the configured server and user');
  addGlobalOptions(logout).action((_options: unknown, cmd: Command) => {
    const config = rt.resolveConfig(cmd);
    rt.say(
      signOut(rt, config) ? 'Signed out: cached tokens removed' : 'No cached tokens to remove',
    );
  });
}
