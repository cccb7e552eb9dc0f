/**
 * `npm run server:admin -- <command>`: account administration on the server host.
 *
 * The first organisation and admin can only be created here, by someone with a shell on the
 * host and access to the database, never through a page reachable over the network.
 * Passwords come from the TANDEM_PASSWORD environment variable or the first line of stdin,
 * never from argv (visible to every user in `ps` and kept in shell history).
 *
 *   create-org "Acme IT" [--slug acme-it]
 *   create-admin --org acme-it --email admin@acme.example --name "Ada Admin"
 *   create-consultant --org acme-it --email bob@acme.example --name "Bob" [--role consultant|admin]
 *   reset-totp --email bob@acme.example   (turns two-step sign-in off, e.g. after a lost phone)
 *   unlock bob@acme.example   (or --email: the account's sign-in delays start from zero; an address's own delay stays)
 *   list-orgs
 */
import { parseArgs } from 'node:util';
import { emailSchema, NEW_PASSWORD_MIN_LENGTH, roleSchema, type Role } from '../shared/accounts';
import { organisationNameSchema, organisationSlugSchema, personNameSchema } from '../shared/names';
import { DbAccountStore } from './accounts/account-store';
import { hashPassword } from './accounts/password';
import { DbAuditLog } from './audit/audit-log';
import { DEFAULT_DB_PATH } from './config';
import { openRecords } from './db/database';

class UsageError extends Error {}

function slugFor(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return organisationSlugSchema.safeParse(slug).success ? slug : 'org';
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TANDEM_PASSWORD;
  let password = fromEnv;
  if (password === undefined) {
    if (process.stdin.isTTY) process.stderr.write('Password (input is shown; prefer piping it or TANDEM_PASSWORD): ');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  }
  if (password.length < NEW_PASSWORD_MIN_LENGTH) throw new UsageError(`The password must have at least ${NEW_PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > 1024) throw new UsageError('The password is too long.');
  return password;
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`Invalid ${what}.`);
  return result.data;
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, slug: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  // The same database the server uses: DATABASE_URL (PostgreSQL) if set, else the SQLite file.
  const records = await openRecords(process.env.DATABASE_URL || process.env.DB_PATH || DEFAULT_DB_PATH);
  try {
    const accounts = new DbAccountStore(records);
    const audit = new DbAuditLog(records);
    const now = Date.now();
    switch (command) {
      case 'create-org': {
        const name = parse(organisationNameSchema, rest[0], 'organisation name');
        const slug = parse(organisationSlugSchema, values.slug ?? slugFor(name), 'slug');
        if (await accounts.organisationBySlug(slug)) throw new UsageError(`An organisation with slug "${slug}" exists already.`);
        const org = await accounts.createOrganisation(slug, name, now);
        await audit.append({ type: 'organisation.created', actor: 'admin-cli', orgId: org.id, detail: { slug, name } }, now);
        return `Created organisation "${name}" (slug ${slug}).`;
      }
      case 'create-admin':
      case 'create-consultant': {
        const role: Role = command === 'create-admin' ? 'admin' : parse(roleSchema, values.role ?? 'consultant', 'role');
        const org = await accounts.organisationBySlug(parse(organisationSlugSchema, values.org, '--org slug'));
        if (!org) throw new UsageError(`No organisation with slug "${values.org}".`);
        const email = parse(emailSchema, values.email, '--email');
        const name = parse(personNameSchema, values.name, '--name');
        if (await accounts.consultantByEmail(email)) throw new UsageError(`An account for ${email} exists already.`);
        const passwordHash = await hashPassword(await readPassword());
        const created = await accounts.createConsultant({ orgId: org.id, email, name, role, passwordHash }, now);
        await audit.append({ type: 'account.created', actor: 'admin-cli', orgId: org.id, consultantId: created.id, detail: { role } }, now);
        return `Created ${role} ${name} <${email}> in "${org.name}".`;
      }
      case 'reset-totp': {
        const email = parse(emailSchema, values.email, '--email');
        const consultant = await accounts.consultantByEmail(email);
        if (!consultant) throw new UsageError(`No account for ${email}.`);
        await accounts.resetTotp(consultant.id);
        // Whoever has the lost phone may also hold a sign-in: every sign-in of the account ends.
        await accounts.deleteAuthSessionsOf(consultant.id);
        await audit.append({ type: 'totp.reset', actor: 'admin-cli', orgId: consultant.orgId, consultantId: consultant.id }, now);
        return `Two-step sign-in is off for ${consultant.name} <${email}>, who is signed out everywhere; they can turn it on again after signing in.`;
      }
      case 'unlock': {
        const email = parse(emailSchema, values.email ?? rest[0], 'e-mail');
        const consultant = await accounts.consultantByEmail(email);
        if (!consultant) throw new UsageError(`No account for ${email}.`);
        // The running servers read this row at the next sign-in attempt (auth-service.ts, unlockEpoch).
        await audit.append({ type: 'account.unlocked', actor: 'admin-cli', orgId: consultant.orgId, consultantId: consultant.id }, now);
        return `Sign-in delays for ${consultant.name} <${email}> start again from zero. Delays on the addresses that failed stay.`;
      }
      case 'list-orgs':
        return (await accounts.listOrganisations()).map((org) => `${org.slug}\t${org.name}`).join('\n') || '(no organisations)';
      default:
        throw new UsageError('Commands: create-org, create-admin, create-consultant, reset-totp, unlock, list-orgs (see server/admin-cli.ts).');
    }
  } finally {
    await records.close();
  }
}

run(process.argv.slice(2)).then(
  (output) => process.stdout.write(`${output}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError || error instanceof TypeError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
