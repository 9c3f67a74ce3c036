namespace Nettiturvakoti.Topics;

/// <summary>The questions of the closing form.</summary>
public enum TopicGroup
{
    /// <summary>Who the seeker is (one answer).</summary>
    SeekerRole = 0,

    /// <summary>The forms of violence talked about (any number).</summary>
    ViolenceForm = 1,

    /// <summary>How the people involved are related (any number).</summary>
    Relationship = 2,

    /// <summary>What was discussed (any number).</summary>
    Discussed = 3,
}
