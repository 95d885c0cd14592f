// Raw HTTP/1.1 over a TCP socket against a listening service: any request
// line (absolute form included), any bytes, no client-side validation or
// interception in the way.
import net from 'node:net';

export interface RawResponse {
  status: number;
  body: string;
}

export function rawRequest(port: number, options: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(options.body ?? '', 'utf8');
    const headers = { host: `127.0.0.1:${port}`, connection: 'close', 'content-length': String(body.length), ...options.headers };
    const head = `${options.method} ${options.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}
