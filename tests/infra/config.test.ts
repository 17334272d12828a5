import { describe, expect, it } from 'vitest';
import {
  InfraConfigError,
  mailFromDomainOf,
  publicBaseUrlOf,
  readConfig,
} from '../../infra/config';
import { cdkJsonContext } from './synth-stack';

const valid = {
  senderDomain: 'mend.example.org',
  fromAddress: 'Mend <course@mend.example.org>',
  postalAddress: 'Mend, 1 Example Street, Exampleton',
};

describe('CDK context', () => {
  it('the dev defaults in cdk.json are a complete configuration', () => {
    expect(readConfig(cdkJsonContext)).toMatchObject({
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
    expect(readConfig({ ...valid, stage: 'prod' }).stage).toBe('prod');
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

  it('the dispatcher cannot be scheduled more often than every 5 minutes', () => {
    expect(readConfig({ ...valid, dispatchIntervalMinutes: '10' }).dispatchIntervalMinutes).toBe(
      10,
    );
    expect(() => readConfig({ ...valid, dispatchIntervalMinutes: 1 })).toThrow(
      'dispatchIntervalMinutes',
    );
  });
});

describe('production options in the CDK context', () => {
  it('defaults to the AWS-managed table key, one reserved dispatcher execution and mail.<domain>', () => {
    const config = readConfig(valid);
    expect(config).toMatchObject({
      encryptionKey: 'aws-managed',
      dispatcherReservedConcurrency: 1,
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
