using System.Text;

namespace Nettiturvakoti.LoadGenerator;

/// <summary>The text every benchmark message carries: ordinary words, of a given length.</summary>
public static class MessageText
{
    private const string Words = "Hei, kiitos kun vastasit. Haluaisin kertoa mitä kotona tapahtui eilen illalla. ";

    /// <summary>A text of exactly <paramref name="length"/> characters.</summary>
    public static string OfLength(int length)
    {
        var text = new StringBuilder(length + Words.Length);
        while (text.Length < length)
        {
            text.Append(Words);
        }

        return text.ToString(0, length).TrimEnd().PadRight(length, '.');
    }
}
