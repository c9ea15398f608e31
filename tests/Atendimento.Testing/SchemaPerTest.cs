namespace Atendimento.Testing;

/// <summary>
/// The lifetime of one PostgreSQL schema per test, for test classes whose base class is a contract and so cannot
/// inherit it: create in InitializeAsync, drop in DisposeAsync.
/// </summary>
public sealed class SchemaPerTest(Func<Task<PostgresSchema>> create)
{
    private PostgresSchema? _schema;

    public PostgresSchema Schema => _schema ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async Task InitializeAsync() => _schema = await create();

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
