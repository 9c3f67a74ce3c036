namespace Nettiturvakoti.LoadGenerator;

/// <summary>What happened to the measured messages of one run on one path.</summary>
/// <param name="Sent">Sends begun.</param>
/// <param name="Acknowledged">Sends the server answered with a sequence number.</param>
/// <param name="Received">Messages the other side got at least once.</param>
/// <param name="Lost">Acknowledged, but never received within the grace period.</param>
/// <param name="Duplicated">Deliveries beyond the first of one sequence number or one client id.</param>
/// <param name="Failed">Sends that ended in an error (not acknowledged, so not lost).</param>
/// <param name="OutOfOrder">Entries that arrived after a later one of the same conversation and side.</param>
/// <param name="Unexpected">Events that matched no message of the run.</param>
/// <param name="Latency">Due time to receipt by the other side.</param>
/// <param name="Errors">A few of the errors, for the log.</param>
public sealed record DeliverySummary(
    int Sent,
    int Acknowledged,
    int Received,
    int Lost,
    int Duplicated,
    int Failed,
    int OutOfOrder,
    int Unexpected,
    LatencyStats Latency,
    IReadOnlyList<string> Errors);
