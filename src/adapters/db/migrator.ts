// Runs migrations/ with Kysely's Migrator. The provider imports each file with
// a file URL so it works under tsx, node and vitest alike (Kysely's own
// FileMigrationProvider fails under vitest on .ts files).
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

export const migrationsDir = resolve(fileURLToPath(new URL('../../../migrations', import.meta.url)));

class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(this.dir, file)).href)) as Migration;
      out[file.replace(/\.(ts|js)$/, '')] = mod;
    }
    return out;
  }
}

export function createMigrator<T>(db: Kysely<T>, dir = migrationsDir): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider(dir) });
}

export class MigrationError extends Error {
  constructor(message: string, readonly migration?: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration; throws MigrationError naming the one that failed. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

export async function migrateDown<T>(db: Kysely<T>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown());
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${detail}`.replace('  ', ' '), failed?.migrationName);
  }
  return (results ?? []).map((r) => r.migrationName);
}
