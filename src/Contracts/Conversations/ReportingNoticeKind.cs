namespace Nettiturvakoti.Conversations;

/// <summary>Which authority the counsellor is obliged to contact.</summary>
public enum ReportingNoticeKind
{
    /// <summary>A child welfare notification (lastensuojeluilmoitus).</summary>
    ChildWelfare = 0,

    /// <summary>The police, about a serious crime or a danger to life.</summary>
    Police = 1,

    /// <summary>Another authority the law names.</summary>
    OtherAuthority = 2,
}
