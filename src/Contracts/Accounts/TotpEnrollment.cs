namespace Nettiturvakoti.Accounts;

/// <summary>A second factor being set up: the shared secret, to be confirmed with a first code.</summary>
/// <param name="Secret">The secret in base32, for typing into an authenticator app.</param>
/// <param name="Uri">The otpauth URI, for a QR code.</param>
[GenerateSerializer, Immutable, Alias("ntk.TotpEnrollment")]
public sealed record TotpEnrollment(
    [property: Id(0)] string Secret,
    [property: Id(1)] string Uri);
