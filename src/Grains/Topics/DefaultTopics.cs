namespace Nettiturvakoti.Topics;

/// <summary>The closing form's answers a new installation starts with.</summary>
internal static class DefaultTopics
{
    public static List<TopicOption> Create() =>
    [
        Option("experienced", TopicGroup.SeekerRole, "Väkivaltaa kokenut", "Har upplevt våld", "Has experienced violence"),
        Option("used", TopicGroup.SeekerRole, "Väkivaltaa käyttänyt", "Har använt våld", "Has used violence"),
        Option("child-exposed", TopicGroup.SeekerRole, "Väkivallalle altistunut lapsi tai nuori", "Barn eller ung utsatt för våld", "Child or young person exposed to violence"),
        Option("worried", TopicGroup.SeekerRole, "Huolestunut läheinen", "Orolig närstående", "Worried close person"),
        Option("professional", TopicGroup.SeekerRole, "Ammattilainen", "Yrkesperson", "Professional"),
        Option("other-role", TopicGroup.SeekerRole, "Muu", "Annan", "Other"),
        Option("physical", TopicGroup.ViolenceForm, "Fyysinen", "Fysiskt", "Physical"),
        Option("psychological", TopicGroup.ViolenceForm, "Henkinen", "Psykiskt", "Psychological"),
        Option("sexual", TopicGroup.ViolenceForm, "Seksuaalinen", "Sexuellt", "Sexual"),
        Option("economic", TopicGroup.ViolenceForm, "Taloudellinen", "Ekonomiskt", "Economic"),
        Option("digital", TopicGroup.ViolenceForm, "Digitaalinen", "Digitalt", "Digital"),
        Option("stalking", TopicGroup.ViolenceForm, "Vainoaminen", "Förföljelse", "Stalking"),
        Option("honour", TopicGroup.ViolenceForm, "Kunniaan liittyvä", "Hedersrelaterat", "Honour-related"),
        Option("neglect", TopicGroup.ViolenceForm, "Laiminlyönti", "Försummelse", "Neglect"),
        Option("partner", TopicGroup.Relationship, "Kumppani", "Partner", "Partner"),
        Option("former-partner", TopicGroup.Relationship, "Entinen kumppani", "Tidigare partner", "Former partner"),
        Option("parent", TopicGroup.Relationship, "Vanhempi", "Förälder", "Parent"),
        Option("child", TopicGroup.Relationship, "Lapsi", "Barn", "Child"),
        Option("relative", TopicGroup.Relationship, "Muu sukulainen", "Annan släkting", "Other relative"),
        Option("other-relationship", TopicGroup.Relationship, "Muu", "Annan", "Other"),
        Option("help-options", TopicGroup.Discussed, "Avun mahdollisuudet", "Hjälpmöjligheter", "Help options"),
        Option("shelter", TopicGroup.Discussed, "Turvakoti", "Skyddshem", "Shelter"),
        Option("safety-planning", TopicGroup.Discussed, "Turvasuunnitelma", "Säkerhetsplan", "Safety planning"),
        Option("legal", TopicGroup.Discussed, "Oikeudelliset asiat", "Juridiska frågor", "Legal matters"),
        Option("other-topic", TopicGroup.Discussed, "Muu", "Annat", "Other"),
    ];

    private static TopicOption Option(string id, TopicGroup group, string fi, string sv, string en) =>
        new(id, group, new Dictionary<string, string> { ["fi"] = fi, ["sv"] = sv, ["en"] = en });
}
