using Guardrail.Pii;
using static Guardrail.Core.Tests.Pii.PiiTestHelpers;

namespace Guardrail.Core.Tests.Pii;

public class PiiDetectorTextTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com for details.", "jane.doe@example.com")]
    [InlineData("<a+tag@mail.example.co.uk>", "a+tag@mail.example.co.uk")]
    [InlineData("联系我：zhang.san@example.cn。", "zhang.san@example.cn")]
    public void Detect_Email_ReportsEmail(string text, string expected) => Assert.Equal(0.9, AssertSingle(text, PiiKinds.Email, expected).Score);

    [Theory]
    [InlineData("The @ sign is called 'at'.")]
    [InlineData("Follow @guardrail on social media.")]
    [InlineData("Log in as root@localhost.")]
    [InlineData("Decorate it with @Override.")]
    [InlineData("jane at example dot com")]
    public void Detect_EmailLookalike_ReportsNothing(string text) => Assert.Empty(Detect(text));

    [Theory]
    [InlineData("Resolve via 8.8.8.8 first.", "8.8.8.8", false, "public")]
    [InlineData("Router at 192.168.1.1.", "192.168.1.1", true, "private")]
    [InlineData("Bind to 127.0.0.1:8080", "127.0.0.1", true, "loopback")]
    [InlineData("Host 172.16.254.1 is internal", "172.16.254.1", true, "private")]
    [InlineData("IP地址为10.0.0.5", "10.0.0.5", true, "private")]
    public void Detect_IPv4_ReportsRange(string text, string expected, bool isPrivate, string range)
    {
        var signal = AssertSingle(text, PiiKinds.IPv4, expected);
        Assert.Equal(isPrivate, (bool?)signal.Evidence!["private"]);
        Assert.Equal(range, (string?)signal.Evidence["range"]);
    }

    [Theory]
    [InlineData("Version 1.2.3.4.5 is out.")]
    [InlineData("Not an address: 256.1.1.1")]
    [InlineData("Only three parts 10.0.1")]
    [InlineData("Build v1.2.3.4 shipped")]
    [InlineData("Leading zeros 01.02.03.04")]
    public void Detect_IPv4Lookalike_ReportsNoIPv4(string text) => Assert.Empty(Detect(text).OfKind(PiiKinds.IPv4));

    [Fact]
    public void Detect_PrivateAddressWhenExcluded_ReportsOnlyPublic()
    {
        var detector = new PiiDetector(new PiiOptions { ReportPrivateIPv4 = false });
        var signal = Assert.Single(Detect("Hosts 192.168.1.1 and 8.8.4.4.", detector));
        Assert.Equal(false, (bool?)signal.Evidence!["private"]);
    }

    [Theory]
    [InlineData("key: sk-proj-abc123DEF456ghi789JKL012mno345PQR", "sk-proj-abc123DEF456ghi789JKL012mno345PQR", "openai")]
    [InlineData("OPENAI=sk-AbCdEf0123456789AbCdEf0123456789AbCdEf012345", "sk-AbCdEf0123456789AbCdEf0123456789AbCdEf012345", "openai")]
    [InlineData("use sk-ant-api03-AbCdEf0123456789_AbCdEf-0123456789 now", "sk-ant-api03-AbCdEf0123456789_AbCdEf-0123456789", "anthropic")]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE.", "AKIAIOSFODNN7EXAMPLE", "aws-access-key")]
    [InlineData("token ghp_0123456789abcdefghijABCDEFGHIJ012345", "ghp_0123456789abcdefghijABCDEFGHIJ012345", "github")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github")]
    [InlineData("glpat-0123456789abcdefABCD", "glpat-0123456789abcdefABCD", "gitlab")]
    [InlineData("slack xoxb-123456789012-AbCdEfGhIjKl", "xoxb-123456789012-AbCdEfGhIjKl", "slack")]
    [InlineData("stripe sk_live_0123456789abcdefABCDEF", "sk_live_0123456789abcdefABCDEF", "stripe")]
    [InlineData("maps AIzaSyA-0123456789abcdefghijklmnopqrstu", "AIzaSyA-0123456789abcdefghijklmnopqrstu", "google-api")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private-key")]
    [InlineData("config api_key=sk-proj-abc123DEF456ghi789JKL012mno345PQR", "sk-proj-abc123DEF456ghi789JKL012mno345PQR", "openai")]
    public void Detect_ProviderSecret_ReportsProvider(string text, string expected, string provider)
    {
        var signal = AssertSingle(text, PiiKinds.Secret, expected);
        Assert.Equal(0.9, signal.Score);
        Assert.Equal(provider, (string?)signal.Evidence!["provider"]);
        Assert.DoesNotContain(expected, signal.Evidence.ToJsonString());
    }

    [Theory]
    [InlineData("api_key=Zx8fQ2mN7pL4vR9tK3wY", "Zx8fQ2mN7pL4vR9tK3wY")]
    [InlineData("\"client_secret\": \"q7Vb2Lx9Rk4Tz8Wm1Np6\"", "q7Vb2Lx9Rk4Tz8Wm1Np6")]
    [InlineData("DB_PASSWORD: 9fG3kL7qP2xZ8vB4nM6w.", "9fG3kL7qP2xZ8vB4nM6w")]
    public void Detect_GenericSecretAssignment_ReportsValueWithLowerScore(string text, string expected)
    {
        var signal = AssertSingle(text, PiiKinds.Secret, expected);
        Assert.Equal(0.6, signal.Score);
        Assert.Equal("generic", (string?)signal.Evidence!["provider"]);
    }

    [Theory]
    [InlineData("Install sk-learn with pip.")]
    [InlineData("A task-oriented, step-by-step-approach guide.")]
    [InlineData("password: hunter2")]
    [InlineData("api_key=YOUR_API_KEY_HERE")]
    [InlineData("secret: aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("The AKIA prefix marks AWS access keys.")]
    [InlineData("The header starts with eyJhbGciOi and has dots.")]
    [InlineData("-----BEGIN PUBLIC KEY-----")]
    public void Detect_SecretLookalike_ReportsNoSecret(string text) => Assert.Empty(Detect(text).OfKind(PiiKinds.Secret));
}
