/**
 * The embedded API server's TLS identity. kubectl sends bearer tokens only over TLS, so the server speaks
 * HTTPS with a self-signed certificate for 127.0.0.1, trusted through the generated kubeconfig's
 * certificate-authority-data.
 *
 * The key is Ed25519, whose signatures are deterministic: a cluster's certificate derives from its seed, so
 * the CA bundle that the cluster publishes (kube-root-ca.crt, the pod's ca.crt) and records in its audit log is
 * the same in every process, and a trial is byte-identical for a seed. That key is only as secret as the seed;
 * it guards a loopback server whose every client is Smith's own. Without a seed (the recording proxy) the
 * key is random.
 */
import "reflect-metadata";
import { createPrivateKey, createPublicKey, randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { createRandom, type Seed } from "../common/random.js";

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

/** PKCS#8 DER of an Ed25519 private key, before its 32 bytes (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const bySeed = new Map<string, Promise<ServerCertificate>>();
let unseeded: Promise<ServerCertificate> | undefined;

/** The certificate of a cluster with this seed (made once per process), or a random one without a seed. */
export function serverCertificate(seed?: Seed): Promise<ServerCertificate> {
  if (seed === undefined) {
    unseeded ??= create(randomBytes(32));
    return unseeded;
  }
  const key = String(seed);
  let certificate = bySeed.get(key);
  if (!certificate) {
    const random = createRandom(seed).fork("tls");
    certificate = create(Buffer.from(Array.from({ length: 32 }, () => random.int(256))));
    bySeed.set(key, certificate);
  }
  return certificate;
}

async function create(secret: Buffer): Promise<ServerCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: "Ed25519" };
  const pkcs8 = Buffer.concat([ED25519_PKCS8_PREFIX, secret]);
  const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  const keys = {
    privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, algorithm, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", spki, algorithm, true, ["verify"]),
  };
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=smith-embedded-apiserver",
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2100, 0, 1)),
    signingAlgorithm: algorithm,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"],
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "ip", value: "127.0.0.1" },
        { type: "dns", value: "localhost" },
      ]),
    ],
  });
  return {
    certPem: cert.toString("pem"),
    keyPem: privateKey.export({ format: "pem", type: "pkcs8" }) as string,
  };
}
