import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIOverwrite } from 'discord-api-types/v10';

export type PermissionName = keyof typeof PermissionFlagsBits;

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What a regular member of a fresh server can do (Discord's default @everyone role, trimmed to text). */
export const DEFAULT_EVERYONE_PERMISSIONS: readonly PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'UseExternalEmojis',
  'ReadMessageHistory',
  'UseApplicationCommands',
  'ChangeNickname',
];

/** A bot invited with the permissions wirewatch asks for (not Administrator, so overwrites apply to it). */
export const DEFAULT_BOT_PERMISSIONS: readonly PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'EmbedLinks',
  'AttachFiles',
  'ReadMessageHistory',
  'AddReactions',
  'UseApplicationCommands',
];

export function permissionBits(permissions: readonly PermissionName[] | bigint): bigint {
  if (typeof permissions === 'bigint') return permissions;
  return permissions.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}

export interface PermissionContext {
  guildOwnerId: string;
  everyoneRoleId: string;
  rolePermissions: ReadonlyMap<string, bigint>;
  memberId: string;
  memberRoleIds: readonly string[];
  overwrites: readonly APIOverwrite[];
}

/** Discord's documented algorithm: base permissions from roles, then channel overwrites (@everyone, roles, member). */
export function effectivePermissions(context: PermissionContext): bigint {
  if (context.memberId === context.guildOwnerId) return ALL_PERMISSIONS;
  let base = context.rolePermissions.get(context.everyoneRoleId) ?? 0n;
  for (const roleId of context.memberRoleIds) base |= context.rolePermissions.get(roleId) ?? 0n;
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;

  let permissions = base;
  const everyone = context.overwrites.find((overwrite) => overwrite.id === context.everyoneRoleId);
  if (everyone) permissions = applyOverwrite(permissions, BigInt(everyone.allow), BigInt(everyone.deny));

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of context.overwrites) {
    if (overwrite.type === OverwriteType.Role && context.memberRoleIds.includes(overwrite.id)) {
      roleAllow |= BigInt(overwrite.allow);
      roleDeny |= BigInt(overwrite.deny);
    }
  }
  permissions = applyOverwrite(permissions, roleAllow, roleDeny);

  const own = context.overwrites.find(
    (overwrite) => overwrite.type === OverwriteType.Member && overwrite.id === context.memberId,
  );
  if (own) permissions = applyOverwrite(permissions, BigInt(own.allow), BigInt(own.deny));

  // Without View Channel nothing else in the channel is usable.
  if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
  return permissions;
}

function applyOverwrite(permissions: bigint, allow: bigint, deny: bigint): bigint {
  return (permissions & ~deny) | allow;
}

export function hasPermission(permissions: bigint, name: PermissionName): boolean {
  return (permissions & PermissionFlagsBits[name]) === PermissionFlagsBits[name];
}
