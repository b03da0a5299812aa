import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has the documented defaults', () => {
    const config = parseConfig({ BUILD_ID: 'b1' });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: 'sqlite:./data/switchboard.db',
      publicUrl: 'http://127.0.0.1:8080',
      smtpUrl: null,
      webRoot: './dist',
      sipWsPort: 5066,
      sipUdpPort: 5060,
      sipTrunkPort: 5080,
      sipDomain: '127.0.0.1',
      sipSecret: null,
      sipCredentialTtl: 3600,
      turnUrls: [],
      build: 'b1',
      logLevel: 'info',
      trustProxy: false,
      scryptLogN: 15,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the environment', () => {
    const config = parseConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      DATABASE_URL: 'postgres://u:p@db:5432/sb',
      PUBLIC_URL: 'https://sb.example.com/',
      SMTP_URL: 'smtp://mail:25',
      TRUST_PROXY: 'true',
    });
    expect(config.port).toBe(9000);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/sb');
    expect(config.publicUrl).toBe('https://sb.example.com');
    expect(config.smtpUrl).toBe('smtp://mail:25');
    expect(config.trustProxy).toBe(true);
  });

  it('names the variable and the problem for a bad PORT', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(
      'PORT must be a whole number from 0 to 65535, got "eighty".',
    );
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number/);
  });

  it('rejects other bad values clearly', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be sqlite:/,
    );
    expect(() => parseConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL must be a URL/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => parseConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY must be/);
    expect(() => parseConfig({ SIP_CREDENTIAL_TTL: '59' })).toThrow(
      /SIP_CREDENTIAL_TTL must be a whole number from 60/,
    );
  });

  it('reads the SIP secret and credential lifetime', () => {
    const config = parseConfig({ SIP_SECRET: ' s3cret ', SIP_CREDENTIAL_TTL: '600' });
    expect(config.sipSecret).toBe('s3cret');
    expect(config.sipCredentialTtl).toBe(600);
    expect(parseConfig({ SIP_SECRET: '  ' }).sipSecret).toBeNull();
  });

  it('reads TURN relays and refuses what is not a turn: URI', () => {
    expect(parseConfig({ TURN_URLS: 'turn:127.0.0.1:3478, turns:t.example' }).turnUrls).toEqual([
      'turn:127.0.0.1:3478',
      'turns:t.example',
    ]);
    expect(() => parseConfig({ TURN_URLS: 'http://t.example' })).toThrow(/TURN_URLS must be/);
  });
});
