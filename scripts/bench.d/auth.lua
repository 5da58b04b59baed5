-- Every request carries the signed-in user's token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
