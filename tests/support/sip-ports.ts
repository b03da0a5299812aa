/** Kamailio's ports in the running e2e stack (set by global-setup.ts for the workers). */
export function sipPorts(): { wsPort: number; udpPort: number; trunkPort: number } {
  const read = (name: string): number => {
    const value = Number(process.env[name]);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} is not set: is the e2e stack running?`);
    return value;
  };
  return {
    wsPort: read('E2E_SIP_WS_PORT'),
    udpPort: read('E2E_SIP_UDP_PORT'),
    trunkPort: read('E2E_SIP_TRUNK_PORT'),
  };
}
