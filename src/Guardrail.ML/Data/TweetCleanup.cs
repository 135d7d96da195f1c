using System.Text.RegularExpressions;

namespace Guardrail.ML.Data;

/// <summary>Brings raw tweets to TweetEval's conventions (<c>@user</c>, no URLs, decoded entities).</summary>
/// <remarks>
/// Davidson's raw tweets carry handles and retweet markers that TweetEval has already masked; without this,
/// handles become features that identify a source rather than toxicity.
/// </remarks>
public static partial class TweetCleanup
{
    /// <summary>Masks handles and URLs, drops retweet markers, decodes the common HTML entities.</summary>
    public static string Clean(string tweet)
    {
        var s = Mentions().Replace(tweet, "@user");
        s = Urls().Replace(s, "http");
        s = Retweet().Replace(s, " ");
        s = s.Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&#8220;", "\"").Replace("&#8221;", "\"");
        return s.Trim();
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Mentions();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Urls();

    [GeneratedRegex(@"\bRT\b:?")]
    private static partial Regex Retweet();
}
