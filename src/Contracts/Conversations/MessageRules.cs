using System.Buffers;

namespace Nettiturvakoti.Conversations;

/// <summary>
/// What a message and its client id must look like to be stored. The web front checks these
/// before a message crosses into the cluster (where a broken surrogate would already have been
/// replaced), and the conversation grain checks them again.
/// </summary>
public static class MessageRules
{
    private static readonly SearchValues<char> ClientIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>Throws <see cref="ChatRuleException"/> when <paramref name="text"/> may not be stored.</summary>
    public static void CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ChatRuleException(ErrorCodes.MessageEmpty, "The message is empty.");
        }

        if (text.Length > ChatLimits.MaxMessageLength)
        {
            throw new ChatRuleException(
                ErrorCodes.MessageTooLong,
                $"The message is longer than {ChatLimits.MaxMessageLength} characters.");
        }

        if (!IsStorable(text))
        {
            throw new ChatRuleException(
                ErrorCodes.MessageInvalid, "The message holds control characters or broken text.");
        }
    }

    /// <summary>Throws <see cref="ErrorCodes.BadClientMessageId"/> for a missing or malformed id.</summary>
    public static void CheckClientMessageId(string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId)
            || clientMessageId.Length > ChatLimits.MaxClientMessageIdLength
            || clientMessageId.AsSpan().ContainsAnyExcept(ClientIdChars))
        {
            throw new ChatRuleException(
                ErrorCodes.BadClientMessageId,
                $"The client message id must be 1 to {ChatLimits.MaxClientMessageIdLength} "
                + "characters of letters, digits, '-' and '_'.");
        }
    }

    // Line breaks and tabs are text; other control characters and lone surrogates cannot be
    // stored faithfully (PostgreSQL refuses NUL) and have no place in a chat.
    private static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return false;
            }
        }

        return true;
    }
}
