/**
 * This PC's LAN IPv4 addresses: what the server's printed LAN URLs and its Host check use, and
 * what a generated certificate names (tls.ts). Its own module so that tls.ts and
 * http-server.ts do not import each other.
 */
import os from 'node:os';

export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}
