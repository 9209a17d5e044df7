export { openSecrets, sealSecrets, SealedSecretsError } from './seal';
export { secretKey, SecretKeyError } from './secret-key';
