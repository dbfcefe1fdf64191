// Contracts of the customers module: request and response schemas shared by the API and the web app.
export {};
