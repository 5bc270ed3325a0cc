import { type ChildProcess, execFile, spawn } from "node:child_process";
import { access, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const run = promisify(execFile);

const SLAPD = process.env.SSPR_TEST_SLAPD ?? "/usr/sbin/slapd";

/** The test directory's naming: one suffix, the sspr service account, its password policy. */
export const suffix = "dc=example,dc=org";
export const serviceDn = `cn=sspr,ou=services,${suffix}`;
export const servicePassword = "service account secret";
const policyDn = `cn=default,ou=policies,${suffix}`;

/** A slapd of our own on loopback ports, and how to reach it. */
export interface TestSlapd {
  /** Plain LDAP (StartTLS offered). */
  url: string;
  /** LDAP over TLS. */
  ldapsUrl: string;
  /** The CA that signed the server's certificate. */
  caFile: string;
  /** The root DN and its password: for seeding, never for sspr. */
  rootDn: string;
  rootPassword: string;
  /** Kills slapd and removes its folder. */
  stop(): Promise<void>;
}

/**
 * True when Debian's slapd is installed (`scripts/ensure-slapd.sh` installs it before `npm test`).
 * Under `CI=true` a missing slapd is an error, not a reason to skip.
 */
export async function slapdAvailable(): Promise<boolean> {
  try {
    await access(SLAPD);
    return true;
  } catch {
    if (process.env.CI === "true")
      throw new Error(`slapd is required under CI=true; run scripts/ensure-slapd.sh (${SLAPD})`);
    return false;
  }
}

/**
 * Starts slapd with a temporary cn=config: an MDB database for `suffix`, the ppolicy overlay
 * (history 5, quality checked, minimum length 8, lockout after 3 failures until unlocked), the
 * memberof overlay, a few Active Directory attributes (for the AD code paths), TLS with a CA
 * generated here, and the sspr service account with write access to passwords and lock state.
 */
async function startSlapd(): Promise<TestSlapd> {
  const dir = await mkdtemp(join(tmpdir(), "sspr-slapd-"));
  const rootPassword = "root secret";
  const rootDn = `cn=admin,${suffix}`;
  const caFile = join(dir, "ca.pem");
  await makeCertificates(dir);
  await mkdir(join(dir, "slapd.d"));
  await mkdir(join(dir, "db"));
  await writeFile(join(dir, "config.ldif"), configLdif(dir, rootDn, rootPassword));
  await writeFile(join(dir, "base.ldif"), baseLdif());
  await run(SLAPD.replace(/slapd$/, "slapadd"), [
    "-n0",
    "-F",
    join(dir, "slapd.d"),
    "-l",
    join(dir, "config.ldif"),
  ]);
  await run(SLAPD.replace(/slapd$/, "slapadd"), [
    "-n1",
    "-F",
    join(dir, "slapd.d"),
    "-l",
    join(dir, "base.ldif"),
  ]);
  const [port, tlsPort] = [await freePort(), await freePort()];
  const child = spawn(
    SLAPD,
    [
      "-F",
      join(dir, "slapd.d"),
      "-h",
      `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${tlsPort}/`,
      // A debug level keeps slapd in the foreground, so it dies with its child process handle.
      "-d",
      "0",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  await untilListening(child, port, () => errors);
  return {
    url: `ldap://127.0.0.1:${port}`,
    ldapsUrl: `ldaps://127.0.0.1:${tlsPort}`,
    caFile,
    rootDn,
    rootPassword,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A slapd for the tests of the enclosing describe: started before them, stopped after. */
export function slapdForTests(): () => TestSlapd {
  let slapd: TestSlapd | undefined;
  beforeAll(async () => {
    slapd = await startSlapd();
  }, 60_000);
  afterAll(() => slapd?.stop());
  return () => {
    if (!slapd) throw new Error("slapd has not started");
    return slapd;
  };
}

/** A CA and a server certificate for 127.0.0.1 and localhost, signed by it. */
async function makeCertificates(dir: string) {
  const at = (name: string) => join(dir, name);
  const subj = (cn: string) => ["-subj", `/CN=${cn}`];
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-keyout",
    at("ca.key"),
    "-out",
    at("ca.pem"),
    ...subj("sspr test CA"),
  ]);
  await run("openssl", [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    at("server.key"),
    "-out",
    at("server.csr"),
    ...subj("localhost"),
  ]);
  await writeFile(at("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  await run("openssl", [
    "x509",
    "-req",
    "-in",
    at("server.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    at("san.ext"),
    "-out",
    at("server.pem"),
  ]);
}

/** Active Directory's names (and OIDs) for what the AD code paths read and write. */
const adLikeSchema = `
olcAttributeTypes: ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.90 NAME 'unicodePwd' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.662 NAME 'lockoutTime' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.96 NAME 'pwdLastSet' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
olcObjectClasses: ( 1.3.6.1.4.1.4203.666.11.99.1 NAME 'ssprAdLikeUser' AUXILIARY MAY ( sAMAccountName $ userPrincipalName $ unicodePwd $ lockoutTime $ pwdLastSet $ userAccountControl $ otherMailbox ) )`;

function configLdif(dir: string, rootDn: string, rootPassword: string) {
  const service = `dn.exact="${serviceDn}"`;
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(dir, "slapd.pid")}
olcTLSCACertificateFile: ${join(dir, "ca.pem")}
olcTLSCertificateFile: ${join(dir, "server.pem")}
olcTLSCertificateKeyFile: ${join(dir, "server.key")}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: ppolicy
olcModuleLoad: memberof

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif

include: file:///etc/ldap/schema/cosine.ldif

include: file:///etc/ldap/schema/inetorgperson.ldif

dn: cn={3}adlike,cn=schema,cn=config
objectClass: olcSchemaConfig
cn: {3}adlike${adLikeSchema}

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcPasswordHash: {SSHA}

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: ${join(dir, "db")}
olcDbMaxSize: 104857600
olcSuffix: ${suffix}
olcRootDN: ${rootDn}
olcRootPW: ${rootPassword}
olcAccess: {0}to attrs=userPassword,pwdHistory by ${service} write by self write by anonymous auth by * none
olcAccess: {1}to attrs=unicodePwd,pwdAccountLockedTime,pwdReset,lockoutTime,pwdLastSet by ${service} write by * none
olcAccess: {2}to * by ${service} read by self read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE

dn: olcOverlay={1}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {1}ppolicy
olcPPolicyDefault: ${policyDn}
olcPPolicyHashCleartext: TRUE
olcPPolicyUseLockout: TRUE
`;
}

function baseLdif() {
  const ou = (name: string) => `dn: ou=${name},${suffix}
objectClass: organizationalUnit
ou: ${name}
`;
  return `dn: ${suffix}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

${ou("people")}
${ou("groups")}
${ou("services")}
${ou("policies")}
dn: ${serviceDn}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: sspr
userPassword: ${servicePassword}

dn: ${policyDn}
objectClass: organizationalRole
objectClass: pwdPolicy
cn: default
pwdAttribute: userPassword
pwdInHistory: 5
pwdCheckQuality: 2
pwdMinLength: 8
pwdMaxFailure: 3
pwdLockout: TRUE
pwdLockoutDuration: 0
pwdAllowUserChange: TRUE
`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("No free port");
  return address.port;
}

/** Resolves once slapd accepts connections; rejects with its error output if it exits first. */
async function untilListening(child: ChildProcess, port: number, errors: () => string) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`slapd exited: ${errors()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`slapd did not listen: ${errors()}`);
}
