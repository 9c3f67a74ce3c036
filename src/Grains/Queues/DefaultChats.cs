namespace Nettiturvakoti.Queues;

/// <summary>The chats a new installation starts with.</summary>
internal static class DefaultChats
{
    public static List<ChatDefinition> Create() =>
    [
        new("fi",
            new Dictionary<string, string>
            {
                ["fi"] = "Chat väkivallasta",
                ["sv"] = "Chatt om våld (på finska)",
                ["en"] = "Chat about violence (in Finnish)",
            },
            ["fi"],
            RequiresQualification: false),
        new("youth",
            new Dictionary<string, string>
            {
                ["fi"] = "Lasten ja nuorten chat (alle 18-vuotiaille)",
                ["sv"] = "Chatt för barn och unga (under 18 år)",
                ["en"] = "Chat for children and young people (under 18)",
            },
            ["fi"],
            RequiresQualification: true),
        new("sv",
            new Dictionary<string, string>
            {
                ["fi"] = "Ruotsinkielinen chat",
                ["sv"] = "Chatt på svenska",
                ["en"] = "Chat in Swedish",
            },
            ["sv"],
            RequiresQualification: true),
    ];
}
