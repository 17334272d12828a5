import { describe, expect, it } from 'vitest';
import { InfraConfigError, readConfig } from '../../infra/config';
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
