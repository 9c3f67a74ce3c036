using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.Feedback;

/// <summary>What feedback may hold.</summary>
public static class FeedbackRules
{
    /// <summary>The longest comment.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Throws <see cref="ErrorCodes.BadRequest"/> or a message error for feedback that cannot be kept.</summary>
    public static void Check(int rating, string? comment)
    {
        if (rating is < 1 or > 5)
        {
            throw new ChatRuleException(ErrorCodes.BadRequest, "A rating is 1 to 5.");
        }

        if (!string.IsNullOrEmpty(comment))
        {
            if (comment.Length > MaxCommentLength)
            {
                throw new ChatRuleException(ErrorCodes.MessageTooLong, $"Feedback is at most {MaxCommentLength} characters.");
            }

            MessageRules.CheckText(comment);
        }
    }
}
