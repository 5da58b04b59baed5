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
        return migrator
    }
}
