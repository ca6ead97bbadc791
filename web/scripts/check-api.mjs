// Fails the build when src/api/schema.d.ts no longer matches openapi.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'whatsdex-api-'));
const fresh = join(dir, 'schema.d.ts');
const bin = (name) => join('node_modules', '.bin', name);
try {
  execFileSync(bin('openapi-typescript'), ['openapi.json', '-o', fresh], { stdio: 'pipe' });
  execFileSync(bin('prettier'), ['--write', '--stdin-filepath', committed], {
    input: readFileSync(fresh),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const formatted = execFileSync(bin('prettier'), ['--stdin-filepath', committed], {
    input: readFileSync(fresh),
  }).toString();
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // missing file counts as stale
  }
  if (formatted !== current) {
    console.error('src/api/schema.d.ts is stale: run npm run generate:api');
    process.exit(1);
  }
  console.log('src/api/schema.d.ts is up to date with openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
