using Nettiturvakoti.Conversations;

namespace Nettiturvakoti.Tests.Grains;

public sealed class MessageRulesTests
{
    // Lone surrogates do not survive xunit's serialization of theory data, so these are built here.
    [Fact]
    public void CheckText_BrokenOrControlText_Refused()
    {
        string[] texts =
        [
            "broken " + (char)0xD800 + " surrogate",
            "reversed " + (char)0xDC00 + (char)0xD800 + " pair",
            "trailing high " + (char)0xD83D,
            "escape \u001b[31m",
        ];

        Assert.All(texts, text =>
            Assert.Equal(ErrorCodes.MessageInvalid, Assert.Throws<ChatRuleException>(() => MessageRules.CheckText(text)).Code));
    }

    [Theory]
    [InlineData("Hei! 👋 Miten voin auttaa?")]
    [InlineData("rivi 1\nrivi 2\r\n\tsisennys")]
    [InlineData("<b>ei html:ää</b> & \"lainaus\"")]
    public void CheckText_OrdinaryText_Accepted(string text) => MessageRules.CheckText(text);
}
