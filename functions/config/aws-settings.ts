/**
 * Where an AWS client points. In Lambda only `region` is set: the SDK finds the endpoint and the
 * role's credentials itself. Locally the endpoint is a local engine and the credentials are
 * placeholders, which the engines accept without checking.
 */
export interface AwsClientSettings {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}
