namespace Nettiturvakoti.Accounts;

/// <summary>The result of a password check.</summary>
/// <param name="Succeeded">Whether the password was right and the account may log in.</param>
/// <param name="Account">The account, when the check succeeded.</param>
/// <param name="SecondFactorRequired">The password was right, and a one-time code is needed next.</param>
[GenerateSerializer, Immutable, Alias("ntk.LoginOutcome")]
public sealed record LoginOutcome(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] AccountView? Account,
    [property: Id(2)] bool SecondFactorRequired = false)
{
    /// <summary>The outcome of any failed check; it says nothing of why, on purpose.</summary>
    public static LoginOutcome Failed { get; } = new(false, null);
}
