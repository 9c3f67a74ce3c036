namespace Nettiturvakoti.Accounts;

/// <summary>What a password must be like.</summary>
public static class PasswordRules
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinLength = 12;

    /// <summary>The longest password accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws <see cref="ErrorCodes.WeakPassword"/> when <paramref name="password"/> breaks the rules.</summary>
    public static void Check(string? password)
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            throw new ChatRuleException(
                ErrorCodes.WeakPassword,
                $"A password must be {MinLength} to {MaxLength} characters long.");
        }

        if (password.Distinct().Count() < 5)
        {
            throw new ChatRuleException(ErrorCodes.WeakPassword, "A password needs more different characters.");
        }
    }
}
