import Foundation
import Logging
import PostgresNIO

/// Versioned migrations; each is applied once, in order, and never edited after release.
enum PostgresSchema {
    struct Migration {
        let name: String
        let sql: String
    }

    static let migrations = [
        Migration(name: "v1-crm", sql: organisation + customers + search + visits),
        Migration(name: "v2-data-versions", sql: dataVersions),
    ]

    /// Counts that grow with every change to what servers keep copies of, read with each session
    /// (`DataVersions`), so that every server drops the copies another server's change made stale.
    static let dataVersions = """
        CREATE TABLE data_versions (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            directory bigint NOT NULL DEFAULT 0,
            settings bigint NOT NULL DEFAULT 0
        );
        INSERT INTO data_versions DEFAULT VALUES;
        CREATE FUNCTION data_versions_directory() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE data_versions SET directory = directory + 1;
            RETURN NULL;
        END $$;
        CREATE FUNCTION data_versions_settings() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE data_versions SET settings = settings + 1;
            RETURN NULL;
        END $$;
        CREATE TRIGGER directory_departments AFTER INSERT OR UPDATE OR DELETE ON departments
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_positions AFTER INSERT OR UPDATE OR DELETE ON positions
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_position_roles AFTER INSERT OR UPDATE OR DELETE ON position_roles
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_roles AFTER INSERT OR UPDATE OR DELETE ON roles
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_role_pages AFTER INSERT OR UPDATE OR DELETE ON role_pages
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_pages AFTER INSERT OR UPDATE OR DELETE ON pages
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER directory_users AFTER INSERT OR DELETE OR UPDATE OF position_id ON users
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_directory();
        CREATE TRIGGER settings_settings AFTER INSERT OR UPDATE OR DELETE ON settings
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_settings();
        CREATE TRIGGER settings_categories AFTER INSERT OR UPDATE OR DELETE ON categories
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_settings();
        CREATE TRIGGER settings_required_fields AFTER INSERT OR UPDATE OR DELETE ON required_fields
            FOR EACH STATEMENT EXECUTE FUNCTION data_versions_settings();
        """

    /// Any number of servers may start at once on an empty database: an advisory lock lets one
    /// apply the migrations while the others wait, then find nothing left to do.
    static let lockKey: Int64 = 0x43_52_4D_5F_6D_69_67  // "CRM_mig"

    /// Applies pending migrations on `connection`, each in a transaction of its own; refuses a
    /// database that holds migrations this binary does not know.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
        do {
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS crm_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            let applied = try await connection.query("SELECT version, name FROM crm_migrations ORDER BY version", logger: logger)
                .collect().map { row in try row.decode((Int, String).self) }
            let unknown = applied.filter { version, name in
                version > migrations.count || migrations[version - 1].name != name
            }
            if !unknown.isEmpty {
                throw PostgresStoreError(
                    description: "the database was written by a newer crm (unknown migrations: \(unknown.map(\.1).joined(separator: ", "))); run a newer crm")
            }
            for (index, migration) in migrations.enumerated() where index >= applied.count {
                try await connection.query("BEGIN", logger: logger)
                for statement in statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO crm_migrations (version, name) VALUES (\(index + 1), \(migration.name))", logger: logger)
                try await connection.query("COMMIT", logger: logger)
            }
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
    }

    /// A migration's statements, one by one (a statement of the extended protocol holds one):
    /// split at semicolons outside quotes, dollar-quoted bodies and comments.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var (inQuote, inBody, inComment) = (false, false, false)
        var previous: Character = " "
        for character in sql {
            if inComment {
                if character == "\n" { inComment = false }
            } else if character == "-", previous == "-", !inQuote, !inBody {
                inComment = true
            } else if character == "'", !inBody {
                inQuote.toggle()
            } else if character == "$", previous == "$", !inQuote {
                inBody.toggle()
            } else if character == ";", !inQuote, !inBody {
                statements.append(current)
                current = ""
                previous = " "
                continue
            }
            current.append(character)
            previous = character
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The SQLSTATE of `crm_check` failing.
    static let checkFailed = "CR001"

    /// Text that is sorted or compared by range is in the "C" collation: byte order, as SQLite
    /// compares, whatever the database's default locale.
    static let organisation = """
        -- A statement that must fail whole when a condition does not hold calls this with it.
        CREATE FUNCTION crm_check(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT ok THEN RAISE EXCEPTION 'crm_check failed: %', what USING ERRCODE = 'CR001'; END IF;
            RETURN true;
        END $$;

        CREATE TABLE departments (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            parent_id bigint REFERENCES departments(id) ON DELETE CASCADE,
            sort_order integer NOT NULL DEFAULT 0
        );
        CREATE INDEX departments_parent ON departments(parent_id);

        CREATE TABLE roles (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            name_key text NOT NULL UNIQUE,
            description text
        );

        CREATE TABLE positions (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            department_id bigint NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
            name text NOT NULL,
            manage_subordinates boolean NOT NULL DEFAULT false
        );
        CREATE INDEX positions_department ON positions(department_id);

        CREATE TABLE position_roles (
            position_id bigint NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
            role_id bigint NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            PRIMARY KEY (position_id, role_id)
        );
        CREATE INDEX position_roles_role ON position_roles(role_id);

        CREATE TABLE pages (
            menu_id text COLLATE "C" PRIMARY KEY,
            title text NOT NULL,
            parent_id text COLLATE "C" REFERENCES pages(menu_id),
            sort_order integer NOT NULL DEFAULT 0,
            icon text,
            url text,
            check_permission boolean NOT NULL,
            show_in_menu boolean NOT NULL,
            built_in boolean NOT NULL
        );
        CREATE INDEX pages_parent ON pages(parent_id);

        CREATE TABLE role_pages (
            role_id bigint NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            menu_id text COLLATE "C" NOT NULL REFERENCES pages(menu_id) ON DELETE CASCADE,
            PRIMARY KEY (role_id, menu_id)
        );
        CREATE INDEX role_pages_menu ON role_pages(menu_id);

        CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            username text NOT NULL,
            username_key text NOT NULL UNIQUE,
            display_name text NOT NULL,
            position_id bigint REFERENCES positions(id) ON DELETE SET NULL,
            active boolean NOT NULL DEFAULT true,
            is_admin boolean NOT NULL DEFAULT false,
            password_hash text NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX users_position ON users(position_id);

        CREATE TABLE sessions (
            token_hash text PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX sessions_user ON sessions(user_id);

        CREATE TABLE login_failures (
            username_key text NOT NULL,
            failed_at timestamptz NOT NULL
        );
        CREATE INDEX login_failures_key ON login_failures(username_key, failed_at);
        CREATE INDEX login_failures_time ON login_failures(failed_at);

        CREATE TABLE user_desktops (
            user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            desktop text NOT NULL
        );

        """

    static let customers = """
        CREATE TABLE settings (
            key text PRIMARY KEY,
            value text NOT NULL
        );

        CREATE TABLE files (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            owner_id bigint REFERENCES users(id) ON DELETE SET NULL,
            purpose text,
            media_type text NOT NULL,
            width integer NOT NULL,
            height integer NOT NULL,
            size integer NOT NULL,
            data bytea NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX files_owner ON files(owner_id, purpose);

        CREATE TABLE categories (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            type text NOT NULL CHECK (type IN ('open', 'closed')),
            icon_file_id bigint REFERENCES files(id) ON DELETE SET NULL,
            sort_order integer NOT NULL DEFAULT 0
        );
        INSERT INTO categories (name, type, sort_order) VALUES
            ('意向客户', 'open', 10), ('黑名单客户', 'open', 20), ('潜在客户', 'open', 30), ('成交客户', 'closed', 40);

        CREATE TABLE required_fields (
            department_id bigint PRIMARY KEY REFERENCES departments(id) ON DELETE CASCADE,
            fields text NOT NULL
        );

        CREATE TABLE customers (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            name_core text NOT NULL,
            website text,
            phone text,
            address text,
            region text,
            industry text,
            source text,
            notes text,
            category_id bigint REFERENCES categories(id),
            type text NOT NULL CHECK (type IN ('open', 'closed')),
            importance integer NOT NULL CHECK (importance BETWEEN 1 AND 5),
            owner_id bigint REFERENCES users(id),
            tracking_since timestamptz,
            created_by bigint REFERENCES users(id),
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            last_visit_at timestamptz,
            search_text text NOT NULL
        );
        -- The rule that a company is in the CRM once: of two racing adds, the index refuses one.
        CREATE UNIQUE INDEX customers_name_key ON customers(name_key);
        CREATE INDEX customers_owner ON customers(owner_id, id);
        CREATE INDEX customers_importance ON customers(importance, id);
        CREATE INDEX customers_updated ON customers(updated_at, id);
        CREATE INDEX customers_category ON customers(category_id);
        CREATE INDEX customers_industry ON customers(industry, id);
        CREATE INDEX customers_region ON customers(region, id);
        CREATE INDEX customers_created ON customers(created_at);
        CREATE INDEX customers_last_visit ON customers(last_visit_at);
        CREATE INDEX customers_protection ON customers(tracking_since) WHERE owner_id IS NOT NULL AND type = 'open';
        -- The pool's customers in id order: a keyword's pool matches are counted by merging its pair's
        -- entries with these (18 ms for 星辰 at a million) instead of reading every match's row.
        CREATE INDEX customers_public ON customers(id) WHERE owner_id IS NULL;

        CREATE TABLE customer_history (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            action text NOT NULL,
            actor_id bigint REFERENCES users(id),
            from_user_id bigint REFERENCES users(id),
            to_user_id bigint REFERENCES users(id),
            at timestamptz NOT NULL
        );
        CREATE INDEX customer_history_customer ON customer_history(customer_id, id);
        CREATE INDEX customer_history_released ON customer_history(at) WHERE action IN ('released', 'auto-released');

        CREATE TABLE contacts (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            name text NOT NULL,
            title text,
            phone text,
            mobile text,
            email text,
            wechat text,
            notes text,
            is_primary boolean NOT NULL DEFAULT false
        );
        CREATE INDEX contacts_customer ON contacts(customer_id);

        CREATE TABLE audit_log (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            action text NOT NULL,
            actor_id bigint REFERENCES users(id),
            subject text NOT NULL,
            at timestamptz NOT NULL
        );

        -- Each owner's number of customers (0: the public pool), so that a list narrowed by owners
        -- alone is counted without reading their index entries. Kept per statement, each owner's row
        -- changed once and in owner order, so two statements moving customers both ways can't deadlock.
        CREATE TABLE customer_counts (
            owner bigint PRIMARY KEY,
            customers bigint NOT NULL
        );
        CREATE FUNCTION customer_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO customer_counts (owner, customers)
                SELECT coalesce(owner_id, 0), count(*) FROM new_rows GROUP BY 1 ORDER BY 1
                ON CONFLICT (owner) DO UPDATE SET customers = customer_counts.customers + excluded.customers;
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO customer_counts (owner, customers)
                SELECT coalesce(owner_id, 0), -count(*) FROM old_rows GROUP BY 1 ORDER BY 1
                ON CONFLICT (owner) DO UPDATE SET customers = customer_counts.customers + excluded.customers;
            ELSE
                INSERT INTO customer_counts (owner, customers)
                SELECT owner, sum(change) FROM (
                    SELECT coalesce(owner_id, 0) AS owner, 1 AS change FROM new_rows
                    UNION ALL SELECT coalesce(owner_id, 0), -1 FROM old_rows
                ) changes GROUP BY owner HAVING sum(change) <> 0 ORDER BY owner
                ON CONFLICT (owner) DO UPDATE SET customers = customer_counts.customers + excluded.customers;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_change();
        CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_change();
        CREATE TRIGGER customer_counts_update AFTER UPDATE ON customers
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_counts_change();

        """

    /// The keyword search's index: every pair of neighbouring characters of each searchable text
    /// (folded, one text a line of `search_text`), plus each text's last character and a space, so
    /// that any substring of two or more characters is found by its pairs, and one character by the
    /// pairs it begins. A B-tree of (pair, customer) is read in id order and stops at a page's end,
    /// as on SQLite; triggers keep it, so every writer (imports, copies) keeps it right.
    static let search = """
        CREATE FUNCTION crm_grams(search_text text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT substr(line || ' ', position, 2)), '{}')
            FROM unnest(string_to_array(search_text, E'\\n')) AS line, generate_series(1, char_length(line)) AS position
        $$;

        CREATE TABLE customer_grams (
            gram text COLLATE "C" NOT NULL,
            customer_id bigint NOT NULL,
            PRIMARY KEY (gram, customer_id)
        );
        -- Pairs are removed by their primary key, from the old text's pairs: no index on customer_id.
        CREATE FUNCTION customer_grams_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            old_grams text[] := '{}';
            new_grams text[] := '{}';
        BEGIN
            IF TG_OP <> 'INSERT' THEN old_grams := crm_grams(OLD.search_text); END IF;
            IF TG_OP <> 'DELETE' THEN new_grams := crm_grams(NEW.search_text); END IF;
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM customer_grams
                WHERE customer_id = OLD.id AND gram = ANY (SELECT unnest(old_grams) EXCEPT SELECT unnest(new_grams));
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO customer_grams (gram, customer_id)
                SELECT gram, NEW.id FROM (SELECT unnest(new_grams) EXCEPT SELECT unnest(old_grams)) AS added(gram);
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER customer_grams_insert AFTER INSERT ON customers
            FOR EACH ROW EXECUTE FUNCTION customer_grams_change();
        CREATE TRIGGER customer_grams_update AFTER UPDATE OF search_text ON customers
            FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION customer_grams_change();
        CREATE TRIGGER customer_grams_delete AFTER DELETE ON customers
            FOR EACH ROW EXECUTE FUNCTION customer_grams_change();

        """

    static let visits = """
        CREATE TABLE plans (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            user_id bigint NOT NULL REFERENCES users(id),
            planned_at timestamptz NOT NULL,
            subject text NOT NULL,
            notes text,
            status text NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
            visit_id bigint,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX plans_user ON plans(user_id, planned_at);
        CREATE INDEX plans_customer ON plans(customer_id);

        CREATE TABLE visits (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            user_id bigint NOT NULL REFERENCES users(id),
            visited_at timestamptz NOT NULL,
            method text NOT NULL CHECK (method IN ('visit', 'phone', 'wechat', 'email', 'other')),
            contact_id bigint REFERENCES contacts(id) ON DELETE SET NULL,
            content text NOT NULL,
            next_step text,
            plan_id bigint REFERENCES plans(id) ON DELETE SET NULL,
            created_at timestamptz NOT NULL
        );
        ALTER TABLE plans ADD FOREIGN KEY (visit_id) REFERENCES visits(id) ON DELETE SET NULL;
        -- The summary's queries read user, time, method and customer from this index alone.
        CREATE INDEX visits_summary ON visits(user_id, visited_at, method, customer_id);
        CREATE INDEX visits_customer ON visits(customer_id, visited_at);
        CREATE INDEX visits_plan ON visits(plan_id);
        CREATE INDEX visits_time ON visits(visited_at);
        CREATE INDEX plans_visit ON plans(visit_id)
        """
}
