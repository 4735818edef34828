import { generate } from 'selfsigned';

export interface LoopbackCertificate {
  /** PEM of the throw-away CA: the only thing a client needs to trust. */
  readonly caPem: string;
  /** PEM chain served by the server: leaf first, then the CA. */
  readonly certificateChainPem: string;
  readonly privateKeyPem: string;
}

const VALIDITY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * A fresh CA per start, and a server certificate it signs for the loopback names. Clients trust the
 * CA (scoped to their own agent) so TLS is verified end to end, as against the real service; nothing
 * outlives the process that made it, so the CA key is never written anywhere.
 */
export async function generateLoopbackCertificate(now: Date): Promise<LoopbackCertificate> {
  const notBeforeDate = new Date(now.getTime() - 60_000);
  const notAfterDate = new Date(now.getTime() + VALIDITY_MS);
  const ca = await generate([{ name: 'commonName', value: 'functions-local CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certificateChainPem: `${server.cert}\n${ca.cert}`, privateKeyPem: server.private };
}
