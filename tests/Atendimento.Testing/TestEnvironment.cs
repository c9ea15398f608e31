namespace Atendimento.Testing;

/// <summary>
/// What ./test.sh starts and exports. A test that needs a real engine fails with a message saying how to get one,
/// rather than passing silently without it.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres => Require("ATENDIMENTO_TEST_POSTGRES", "PostgreSQL 15");

    public static string Redis => Require("ATENDIMENTO_TEST_REDIS", "Redis 7");

    public static string WebChatScript => Require("ATENDIMENTO_WEBCHAT_JS", "the Web Chat bundle");

    public static string Chromium => Environment.GetEnvironmentVariable("ATENDIMENTO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests with ./test.sh, which starts {what} for them.");
}
