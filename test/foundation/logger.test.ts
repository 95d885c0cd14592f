import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone, maskPhonesIn } from '../../src/adapters/log/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('logger', () => {
  it('masks phone numbers keeping only the last four digits', () => {
    expect(maskPhone('+15555550123')).toBe('+1******0123');
    expect(maskPhonesIn('call (555) 555-0123 or +44 20 7946 0958')).not.toMatch(/555-0123|7946/);
    expect(maskPhonesIn('2026-11-23T0000_initial_schema')).toBe('2026-11-23T0000_initial_schema');
  });

  it('when a log holds message ids with ten-digit runs next to phone numbers, then the ids stay intact and the phones are masked', () => {
    // From issue 14: this id was logged as 8efed084-1eb8-4fd6-8564-bf+7*****6825.
    const id = '8efed084-1eb8-4fd6-8564-bf7123456825';
    const sid = 'SM5551234567aaaabbbbccccddddeeeeffff'.slice(0, 34);
    const line = `sent ${id} (${sid}) to +15555550123, fallback 555-555-0199, hash 0123456789abcdef0123456789`;
    const masked = maskPhonesIn(line);
    expect(masked).toContain(id);
    expect(masked).toContain(sid);
    expect(masked).toContain('0123456789abcdef0123456789');
    expect(masked).not.toMatch(/5550123|555-0199/);
    const { logger, lines } = capture();
    logger.info({ messageId: id, note: `retry ${id} for 5555550123` }, `delivered ${id}`);
    const out = lines.join('');
    expect(out.split(id).length - 1).toBe(3);
    expect(out).not.toContain('5555550123');
  });

  it('never writes a phone number or a message body in clear', () => {
    const { logger, lines } = capture();
    logger.info({ from: '+15555550123', body: 'my chest hurts', nested: { Body: 'secret text', note: 'ring +15555550199' } }, 'inbound from +15555550123');
    const out = lines.join('');
    expect(out).not.toContain('5550123');
    expect(out).not.toContain('5550199');
    expect(out).not.toContain('chest');
    expect(out).not.toContain('secret text');
    expect(out).toContain('[14 chars]');
  });
});
