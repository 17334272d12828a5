import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InfraConfigError,
  mailFromDomainOf,
  publicBaseUrlOf,
  readConfig,
} from '../../infra/config';
import { gatherContext } from '../../infra/config-sources';

const valid = {
  senderDomain: 'mend.example.org',
  fromAddress: 'Mend <course@mend.example.org>',
  postalAddress: 'Mend, 1 Example Street, Exampleton',
};

describe('CDK context', () => {
  it('a fresh clone, with no settings at all, synthesizes a dev stack', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mend-config-'));
    expect(readConfig(gatherContext(() => undefined, empty))).toMatchObject({
      stage: 'dev',
      senderDomain: 'mend.example.org',
      dispatchIntervalMinutes: 5,
    });
  });

  it.each(['senderDomain', 'fromAddress', 'postalAddress'])(
    'a missing %s is named in the error',
    (key) => {
      const context: Record<string, unknown> = { ...valid, [key]: undefined };
      expect(() => readConfig(context)).toThrow(InfraConfigError);
      expect(() => readConfig(context)).toThrow(`context value "${key}" is missing`);
      expect(() => readConfig({ ...valid, [key]: '' })).toThrow(`"${key}" is missing`);
    },
  );

  it('stage defaults to dev and accepts only dev or prod', () => {
    expect(readConfig(valid).stage).toBe('dev');
    expect(readConfig({ ...valid, stage: 'prod', practitionerSignup: 'open' }).stage).toBe('prod');
    expect(() => readConfig({ ...valid, stage: 'staging' })).toThrow(
      'context value "stage" is invalid',
    );
  });

  it('a from address outside the sender domain is refused', () => {
    expect(() => readConfig({ ...valid, fromAddress: 'course@elsewhere.example' })).toThrow(
      'context value "fromAddress" is invalid: must be an address at senderDomain',
    );
    expect(readConfig({ ...valid, fromAddress: 'course@Mend.Example.org' }).fromAddress).toBe(
      'course@Mend.Example.org',
    );
  });

  it('baseUrl is optional, must be http(s) and loses its trailing slash', () => {
    expect(readConfig(valid).baseUrl).toBeUndefined();
    expect(readConfig({ ...valid, baseUrl: 'https://mend.example.org/' }).baseUrl).toBe(
      'https://mend.example.org',
    );
    expect(() => readConfig({ ...valid, baseUrl: 'ftp://mend.example.org' })).toThrow('baseUrl');
  });

  it('the dispatcher runs between every 5 minutes and every 6 hours, with a clear message', () => {
    expect(readConfig({ ...valid, dispatchIntervalMinutes: '10' }).dispatchIntervalMinutes).toBe(
      10,
    );
    expect(readConfig({ ...valid, dispatchIntervalMinutes: '360' }).dispatchIntervalMinutes).toBe(
      360,
    );
    expect(() => readConfig({ ...valid, dispatchIntervalMinutes: 1 })).toThrow(
      'dispatchIntervalMinutes',
    );
    expect(() => readConfig({ ...valid, dispatchIntervalMinutes: 361 })).toThrow(
      'context value "dispatchIntervalMinutes" is invalid: must be at most 360 (6 hours, the longest EventBridge keeps an event)',
    );
  });
});

describe('production options in the CDK context', () => {
  it('defaults to the AWS-managed table key, no reserved dispatcher execution and mail.<domain>', () => {
    const config = readConfig(valid);
    expect(config).toMatchObject({
      encryptionKey: 'aws-managed',
      dispatcherReservedConcurrency: 0,
      senderIdentity: 'create',
    });
    expect(mailFromDomainOf(config)).toBe('mail.mend.example.org');
    expect(readConfig({ ...valid, encryptionKey: 'customer-managed' }).encryptionKey).toBe(
      'customer-managed',
    );
    expect(() => readConfig({ ...valid, encryptionKey: 'mine' })).toThrow(
      'context value "encryptionKey" is invalid',
    );
  });

  it('accepts 0 reserved dispatcher executions (unreserved) but not a negative number', () => {
    expect(readConfig({ ...valid, dispatcherReservedConcurrency: '0' })).toMatchObject({
      dispatcherReservedConcurrency: 0,
    });
    expect(() => readConfig({ ...valid, dispatcherReservedConcurrency: -1 })).toThrow(
      'dispatcherReservedConcurrency',
    );
  });

  it('needs apiDomainName and certificateArn together, and uses the domain as the base URL', () => {
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123';
    expect(() => readConfig({ ...valid, apiDomainName: 'course.mend.example.org' })).toThrow(
      'context value "certificateArn" is missing',
    );
    expect(() => readConfig({ ...valid, certificateArn })).toThrow(
      'context value "apiDomainName" is missing',
    );
    expect(() =>
      readConfig({ ...valid, apiDomainName: 'course.mend.example.org', certificateArn: 'nope' }),
    ).toThrow('context value "certificateArn" is invalid');
    const config = readConfig({
      ...valid,
      apiDomainName: 'course.mend.example.org',
      certificateArn,
    });
    expect(publicBaseUrlOf(config)).toBe('https://course.mend.example.org');
    expect(publicBaseUrlOf(readConfig(valid))).toBeUndefined();
  });

  it('takes a MAIL FROM domain only under the sender domain, and an alarm email address', () => {
    expect(
      mailFromDomainOf(readConfig({ ...valid, mailFromDomain: 'bounce.mend.example.org' })),
    ).toBe('bounce.mend.example.org');
    expect(() => readConfig({ ...valid, mailFromDomain: 'mail.elsewhere.example' })).toThrow(
      'context value "mailFromDomain" is invalid',
    );
    expect(readConfig({ ...valid, alarmEmail: 'ops@mend.example.org' }).alarmEmail).toBe(
      'ops@mend.example.org',
    );
    expect(() => readConfig({ ...valid, alarmEmail: 'ops' })).toThrow('"alarmEmail" is invalid');
  });
});

describe('practitioner sign-up', () => {
  it('a prod stack needs an allowlist, or open sign-up said out loud', () => {
    expect(() => readConfig({ ...valid, stage: 'prod' })).toThrow(
      'context value "practitionerAllowlist" is missing',
    );
    expect(
      readConfig({
        ...valid,
        stage: 'prod',
        practitionerAllowlist: 'ana@clinic.example, @Team.Example',
      }).practitionerAllowlist,
    ).toEqual(['ana@clinic.example', '@team.example']);
    expect(readConfig({ ...valid, stage: 'prod', practitionerSignup: 'open' })).toMatchObject({
      practitionerSignup: 'open',
    });
    expect(() =>
      readConfig({ ...valid, practitionerSignup: 'open', practitionerAllowlist: '@a.example' }),
    ).toThrow('"practitionerSignup" is invalid');
    expect(readConfig(valid).practitionerAllowlist).toBeUndefined();
  });
});

describe('where the settings come from', () => {
  const dirWith = (config?: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'mend-config-'));
    if (config !== undefined) writeFileSync(join(dir, 'mend.config.json'), JSON.stringify(config));
    return dir;
  };
  const commandLine = (values: Record<string, string>) => (key: string) => values[key];

  it('mend.config.json overrides the dev defaults, and -c overrides the file', () => {
    const dir = dirWith({ ...valid, senderDomain: 'file.example', fromAddress: 'a@file.example' });
    expect(gatherContext(commandLine({}), dir)).toMatchObject({ senderDomain: 'file.example' });
    expect(
      gatherContext(
        commandLine({ senderDomain: 'cli.example', fromAddress: 'a@cli.example' }),
        dir,
      ),
    ).toMatchObject({ senderDomain: 'cli.example', fromAddress: 'a@cli.example' });
  });

  it('-c config=<file> reads another file, which must exist', () => {
    const dir = dirWith();
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ ...valid, stage: 'prod' }));
    expect(gatherContext(commandLine({ config: 'prod.json' }), dir)).toMatchObject({
      stage: 'prod',
    });
    expect(() => gatherContext(commandLine({ config: 'missing.json' }), dir)).toThrow(
      'does not exist',
    );
  });

  it('prod never inherits the dev defaults', () => {
    const context = gatherContext(commandLine({ stage: 'prod' }), dirWith());
    expect(context.senderDomain).toBeUndefined();
    expect(() => readConfig(context)).toThrow('context value "senderDomain" is missing');
  });

  it('refuses a file with an unknown key, so a typo never falls back to a default silently', () => {
    expect(() => gatherContext(commandLine({}), dirWith({ senderDomian: 'x.example' }))).toThrow(
      'unknown keys: senderDomian',
    );
    expect(() => gatherContext(commandLine({}), dirWith([1]))).toThrow('one JSON object');
  });
});

describe('the example config file', () => {
  it('is a valid prod configuration the guide can tell people to copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mend-config-'));
    writeFileSync(
      join(dir, 'mend.config.json'),
      readFileSync(new URL('../../mend.config.example.json', import.meta.url)),
    );
    expect(readConfig(gatherContext(() => undefined, dir))).toMatchObject({
      stage: 'prod',
      senderDomain: 'mend.example.org',
      practitionerAllowlist: ['@clinic.example.org'],
      sendRatePerSecond: 1,
    });
  });
});
