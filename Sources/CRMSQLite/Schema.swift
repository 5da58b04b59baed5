import GRDB

/// Versioned migrations; each is applied once, in order, and never edited after release.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-organisation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE departments (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        parent_id INTEGER REFERENCES departments(id) ON DELETE CASCADE,
                        sort_order INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX departments_parent ON departments(parent_id);

                    CREATE TABLE roles (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL UNIQUE,
                        description TEXT
                    );

                    CREATE TABLE positions (
                        id INTEGER PRIMARY KEY,
                        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        manage_subordinates INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX positions_department ON positions(department_id);

                    CREATE TABLE position_roles (
                        position_id INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
                        role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
                        PRIMARY KEY (position_id, role_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX position_roles_role ON position_roles(role_id);

                    CREATE TABLE pages (
                        menu_id TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        parent_id TEXT REFERENCES pages(menu_id),
                        sort_order INTEGER NOT NULL DEFAULT 0,
                        icon TEXT,
                        url TEXT,
                        check_permission INTEGER NOT NULL,
                        show_in_menu INTEGER NOT NULL,
                        built_in INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX pages_parent ON pages(parent_id);

                    CREATE TABLE role_pages (
                        role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
                        menu_id TEXT NOT NULL REFERENCES pages(menu_id) ON DELETE CASCADE,
                        PRIMARY KEY (role_id, menu_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX role_pages_menu ON role_pages(menu_id);

                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        username TEXT NOT NULL,
                        username_key TEXT NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        position_id INTEGER REFERENCES positions(id) ON DELETE SET NULL,
                        active INTEGER NOT NULL DEFAULT 1,
                        is_admin INTEGER NOT NULL DEFAULT 0,
                        password_hash TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX users_position ON users(position_id);

                    CREATE TABLE sessions (
                        token_hash TEXT PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        expires_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX sessions_user ON sessions(user_id);

                    CREATE TABLE login_failures (
                        username_key TEXT NOT NULL,
                        failed_at REAL NOT NULL
                    );
                    CREATE INDEX login_failures_key ON login_failures(username_key, failed_at);
                    """)
        }
        migrator.registerMigration("v2-customers", migrate: customers)
        migrator.registerMigration("v3-visits", migrate: visits)
        migrator.registerMigration("v4-desktops") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user_desktops (
                        user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                        desktop TEXT NOT NULL
                    )
                    """)
        }
        // Immediate: the default deferred check re-reads every foreign key of the database after
        // the migration, a minute at a million customers, for a change that adds no rows.
        migrator.registerMigration("v5-visit-summary", foreignKeyChecks: .immediate) { db in
            // The summary's queries read user, time, method and customer from this index alone.
            try db.execute(
                sql: """
                    CREATE INDEX visits_summary ON visits(user_id, visited_at, method, customer_id);
                    DROP INDEX visits_user;
                    """)
        }
        migrator.registerMigration("v6-visit-times", foreignKeyChecks: .immediate) { db in
            // Lists of visits, newest first, read this index in order and stop at the page's end.
            try db.execute(sql: "CREATE INDEX visits_time ON visits(visited_at)")
        }
        migrator.registerMigration("v7-customer-dates", foreignKeyChecks: .immediate) { db in
            // Lists filtered by a narrow range of creation or last visit dates gather their customers here.
            try db.execute(
                sql: """
                    CREATE INDEX customers_created ON customers(created_at);
                    CREATE INDEX customers_last_visit ON customers(last_visit_at);
                    """)
        }
        migrator.registerMigration("v8-customer-counts", foreignKeyChecks: .immediate) { db in
            // Each owner's number of customers (0: the public pool), kept by triggers, so that a
            // list narrowed by owners alone is counted without reading 300,000 index entries.
            try db.execute(
                sql: """
                    CREATE TABLE customer_counts (
                        owner INTEGER PRIMARY KEY,
                        customers INTEGER NOT NULL
                    );
                    INSERT INTO customer_counts (owner, customers) SELECT coalesce(owner_id, 0), count(*) FROM customers GROUP BY 1;
                    CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
                        INSERT INTO customer_counts (owner, customers) VALUES (coalesce(NEW.owner_id, 0), 1)
                            ON CONFLICT (owner) DO UPDATE SET customers = customers + 1;
                    END;
                    CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
                        UPDATE customer_counts SET customers = customers - 1 WHERE owner = coalesce(OLD.owner_id, 0);
                    END;
                    CREATE TRIGGER customer_counts_owner AFTER UPDATE OF owner_id ON customers
                    WHEN OLD.owner_id IS NOT NEW.owner_id BEGIN
                        UPDATE customer_counts SET customers = customers - 1 WHERE owner = coalesce(OLD.owner_id, 0);
                        INSERT INTO customer_counts (owner, customers) VALUES (coalesce(NEW.owner_id, 0), 1)
                            ON CONFLICT (owner) DO UPDATE SET customers = customers + 1;
                    END;
                    """)
        }
        return migrator
    }
}

extension Schema {
    static func customers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    purpose TEXT,
                    media_type TEXT NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX files_owner ON files(owner_id, purpose);

                CREATE TABLE categories (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('open', 'closed')),
                    icon_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
                    sort_order INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO categories (name, type, sort_order) VALUES
                    ('意向客户', 'open', 10), ('黑名单客户', 'open', 20), ('潜在客户', 'open', 30), ('成交客户', 'closed', 40);

                CREATE TABLE required_fields (
                    department_id INTEGER PRIMARY KEY REFERENCES departments(id) ON DELETE CASCADE,
                    fields TEXT NOT NULL
                );

                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL UNIQUE,
                    name_core TEXT NOT NULL,
                    website TEXT,
                    phone TEXT,
                    address TEXT,
                    region TEXT,
                    industry TEXT,
                    source TEXT,
                    notes TEXT,
                    category_id INTEGER REFERENCES categories(id),
                    type TEXT NOT NULL CHECK (type IN ('open', 'closed')),
                    importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 5),
                    owner_id INTEGER REFERENCES users(id),
                    tracking_since REAL,
                    created_by INTEGER REFERENCES users(id),
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    last_visit_at REAL,
                    search_text TEXT NOT NULL
                );
                CREATE INDEX customers_owner ON customers(owner_id, id);
                CREATE INDEX customers_importance ON customers(importance, id);
                CREATE INDEX customers_updated ON customers(updated_at, id);
                CREATE INDEX customers_category ON customers(category_id);
                CREATE INDEX customers_industry ON customers(industry, id);
                CREATE INDEX customers_region ON customers(region, id);
                CREATE INDEX customers_protection ON customers(tracking_since) WHERE owner_id IS NOT NULL AND type = 'open';

                CREATE TABLE customer_grams (
                    gram TEXT NOT NULL,
                    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    PRIMARY KEY (gram, customer_id)
                ) WITHOUT ROWID;
                CREATE INDEX customer_grams_customer ON customer_grams(customer_id);

                CREATE TABLE customer_history (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    action TEXT NOT NULL,
                    actor_id INTEGER REFERENCES users(id),
                    from_user_id INTEGER REFERENCES users(id),
                    to_user_id INTEGER REFERENCES users(id),
                    at REAL NOT NULL
                );
                CREATE INDEX customer_history_customer ON customer_history(customer_id, id);

                CREATE TABLE contacts (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    title TEXT,
                    phone TEXT,
                    mobile TEXT,
                    email TEXT,
                    wechat TEXT,
                    notes TEXT,
                    is_primary INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX contacts_customer ON contacts(customer_id);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    action TEXT NOT NULL,
                    actor_id INTEGER REFERENCES users(id),
                    subject TEXT NOT NULL,
                    at REAL NOT NULL
                );
                """)
    }
}

extension Schema {
    static func visits(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE plans (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    planned_at REAL NOT NULL,
                    subject TEXT NOT NULL,
                    notes TEXT,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
                    visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX plans_user ON plans(user_id, planned_at);
                CREATE INDEX plans_customer ON plans(customer_id);

                CREATE TABLE visits (
                    id INTEGER PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    visited_at REAL NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'wechat', 'email', 'other')),
                    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
                    content TEXT NOT NULL,
                    next_step TEXT,
                    plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX visits_user ON visits(user_id, visited_at);
                CREATE INDEX visits_customer ON visits(customer_id, visited_at);
                CREATE INDEX visits_plan ON visits(plan_id);
                CREATE INDEX plans_visit ON plans(visit_id);
                CREATE INDEX customer_history_released ON customer_history(at) WHERE action IN ('released', 'auto-released');
                """)
    }
}
