import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRegisterCommandsCommand } from '../../../src/cli/commands/register-commands.js';
import type { CliIo } from '../../../src/cli/io.js';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { startDiscordServer, type LocalDiscord } from '../../support/discord/index.js';

let server: LocalDiscord;
let dir: string;

beforeEach(async () => {
  server = await startDiscordServer();
  dir = mkdtempSync(join(tmpdir(), 'wirewatch-register-'));
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function io(env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), env, cwd: dir };
}

describe('wirewatch register-commands', () => {
  it('registers every command in DISCORD_GUILD_ID, without creating a database', async () => {
    const guildId = server.guild().id;
    const cli = io({ DISCORD_TOKEN: server.botToken, DISCORD_API_URL: server.apiUrl, DISCORD_GUILD_ID: guildId, WIREWATCH_DB: 'wirewatch.db' });

    expect(await runRegisterCommandsCommand([], cli)).toBe(0);
    expect(server.commands(guildId).map((command) => command.name)).toEqual(slashCommands.map((command) => command.data.name));
    expect(server.commands()).toEqual([]);
    expect(cli.out.join('')).toContain(`registered ${slashCommands.length} slash commands in server ${guildId} (available now)`);
    expect(cli.err).toEqual([]);
    expect(existsSync(join(dir, 'wirewatch.db'))).toBe(false);
    expect(server.violations).toEqual([]);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const cli = io({ DISCORD_TOKEN: server.botToken, DISCORD_API_URL: server.apiUrl, WIREWATCH_DB: 'wirewatch.db' });
    expect(await runRegisterCommandsCommand([], cli)).toBe(0);
    expect(server.commands().map((command) => command.name)).toEqual(slashCommands.map((command) => command.data.name));
    expect(cli.out.join('')).toContain('globally');
    expect(server.violations).toEqual([]);
  });

  it('refuses to run without DISCORD_TOKEN, and reports a token Discord refuses', async () => {
    await expect(runRegisterCommandsCommand([], io({ DISCORD_API_URL: server.apiUrl }))).rejects.toThrow(/set DISCORD_TOKEN/);
    const cli = io({ DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: server.apiUrl, WIREWATCH_DB: 'wirewatch.db' });
    expect(await runRegisterCommandsCommand([], cli)).toBe(1);
    expect(cli.err.join('')).toContain('Discord refused or could not be reached');
    expect(server.commands()).toEqual([]);
  });
});
