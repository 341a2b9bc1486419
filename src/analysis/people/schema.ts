import { z } from 'zod';

/** One tracked person in config/people.json. */
export const personSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "steve-witkoff"'),
    name: z.string().min(1, 'give the canonical full name, e.g. "Steve Witkoff"'),
    role: z.string().min(1, 'give a short role, e.g. "U.S. special envoy"'),
    /** Other spellings: transliterations, surname alone (when unambiguous), nicknames. Matched case-sensitively. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Descriptions that refer to this person in news copy, e.g. "the Ukrainian president". Matched case-insensitively. */
    titles: z.array(z.string().min(1)).default([]),
    /** A principal of the talks: ranked first among key quotes. */
    principal: z.boolean().default(false),
  })
  .strict();

export const peopleFileSchema = z
  .object({
    people: z.array(personSchema).min(1),
  })
  .strict();

export type Person = z.infer<typeof personSchema>;
export type PeopleFile = z.infer<typeof peopleFileSchema>;
