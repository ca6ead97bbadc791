package com.whatsdex.contacts.web;

import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "contacts")
class ContactController {

    private final ContactsApi contacts;

    ContactController(ContactsApi contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact (the list, search and editing come with the contacts feature)")
    ApiResponse<ContactRef> get(@PathVariable UUID id) {
        return ApiResponse.of(contacts.get(id));
    }
}
