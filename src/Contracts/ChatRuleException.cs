namespace Nettiturvakoti;

/// <summary>
/// A request broke one of the chat's rules (an empty message, an unknown queue, a conversation
/// that belongs to someone else). Carries a stable <see cref="Code"/> that clients can act on;
/// nothing the caller sent was stored.
/// </summary>
[GenerateSerializer, Alias("ntk.ChatRuleException")]
public sealed class ChatRuleException : Exception
{
    /// <summary>Creates an exception with no code, for the serializer.</summary>
    public ChatRuleException()
    {
    }

    /// <summary>Creates an exception with a stable code and a message for the caller.</summary>
    public ChatRuleException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates an exception with a code, a message and the cause.</summary>
    public ChatRuleException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>A stable, machine-readable code such as <c>message-too-long</c>.</summary>
    [Id(0)]
    public string Code { get; private set; } = "";
}
